package io.zhengfeng.notification.rest;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.notification.service.NotificationType;
import io.zhengfeng.notification.service.Preferences;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;

/**
 * My notification settings: channels per notification type, quiet hours (Asia/Shanghai). The inbox
 * cannot be switched off; escalations ignore quiet hours.
 */
@Path("/api/notifications/preferences")
@Tag(name = "Preferences")
@RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
public class PreferenceResource {

    /** Parsed as LocalTime: at most HH:mm:ss.nnnnnnnnn. */
    public record QuietHours(@Schema(maxLength = 18) String start, @Schema(maxLength = 18) String end) {
    }

    /** @param quietHours null for none */
    public record Settings(Map<String, List<String>> channels, QuietHours quietHours) {
    }

    private final Preferences preferences;
    private final CurrentUser user;
    private final Clock clock;

    public PreferenceResource(Preferences preferences, CurrentUser user, Clock clock) {
        this.preferences = preferences;
        this.user = user;
        this.clock = clock;
    }

    @GET
    @Transactional
    public Settings get() {
        return view(preferences.of(user.username()));
    }

    @PUT
    @Transactional
    @Operation(summary = "Replace my settings; types left out keep their defaults (inbox and e-mail)")
    public Settings put(Settings body) {
        if (body == null) {
            throw ProblemException.badField("body", "is required");
        }
        Map<String, List<String>> channels = body.channels() == null ? Map.of() : body.channels();
        channels.forEach((type, names) -> {
            String field = "channels." + type;
            if (NotificationType.of(type).isEmpty()) {
                throw ProblemException.badField(field, "unknown notification type; known: " + NotificationType.codes());
            }
            if (names == null || !names.contains("inbox")) {
                throw ProblemException.badField(field, "the inbox cannot be switched off");
            }
            names.stream().filter(n -> !Preferences.CHANNEL_NAMES.contains(n)).findFirst().ifPresent(n -> {
                throw ProblemException.badField(field, "unknown channel '" + n + "'; known: " + Preferences.CHANNEL_NAMES);
            });
        });
        preferences.save(user.username(), channels, quietHours(body.quietHours()), clock.instant());
        return get();
    }

    private static Optional<Preferences.QuietHours> quietHours(QuietHours q) {
        if (q == null) {
            return Optional.empty();
        }
        LocalTime start = time("quietHours.start", q.start());
        LocalTime end = time("quietHours.end", q.end());
        if (start.equals(end)) {
            throw ProblemException.badField("quietHours.end", "must differ from the start");
        }
        return Optional.of(new Preferences.QuietHours(start, end));
    }

    private static LocalTime time(String field, String value) {
        if (value == null) {
            throw ProblemException.badField(field, "is required, as HH:mm");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "must be a time of day as HH:mm");
        }
    }

    private static Settings view(Preferences.View v) {
        return new Settings(v.channels(), v.quietHours()
                .map(q -> new QuietHours(q.start().toString(), q.end().toString())).orElse(null));
    }
}
