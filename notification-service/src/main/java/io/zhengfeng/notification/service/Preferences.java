package io.zhengfeng.notification.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.Preference;
import io.zhengfeng.notification.persistence.PreferenceRepository;

/**
 * Users' channel choices per notification type and quiet hours. The in-app inbox is always on (it
 * is the record of what the bureau told whom); e-mail can be switched per type. Defaults: e-mail too
 * for every type but {@code complaint.new}, which is opt-in: the spokesperson sees each new message
 * at once in the inbox and the live stream, and every working morning in the digest; one e-mail per
 * citizen's message would bury the deadline alerts that do need the mailbox.
 */
@ApplicationScoped
public class Preferences {
    public static final Set<String> CHANNEL_NAMES = Set.of("inbox", "email");
    private static final TypeReference<Map<String, List<String>>> CHANNELS = new TypeReference<>() {
    };

    private final PreferenceRepository repository;
    private final Json json;

    public Preferences(PreferenceRepository repository, Json json) {
        this.repository = repository;
        this.json = json;
    }

    /** Quiet hours in the bureau's zone; {@code start} after {@code end} spans midnight. */
    public record QuietHours(LocalTime start, LocalTime end) {
        public boolean contains(LocalTime t) {
            return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        }

        /** {@code now} if outside the quiet hours, else the moment they end. */
        public Instant nextAllowed(Instant now, ZoneId zone) {
            ZonedDateTime local = now.atZone(zone);
            if (!contains(local.toLocalTime())) {
                return now;
            }
            LocalDate day = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
            return day.atTime(end).atZone(zone).toInstant();
        }
    }

    /** A user's effective settings. */
    public record View(Map<String, List<String>> channels, Optional<QuietHours> quietHours) {
        public boolean wants(NotificationType type, Channel channel) {
            return channel == Channel.INBOX
                    || channels.getOrDefault(type.code(), List.of()).contains(channel.name().toLowerCase());
        }

        public Instant nextAllowed(Instant now, ZoneId zone, boolean urgent) {
            return urgent ? now : quietHours.map(q -> q.nextAllowed(now, zone)).orElse(now);
        }
    }

    public static Map<String, List<String>> defaultChannels() {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (NotificationType type : NotificationType.values()) {
            channels.put(type.code(), type == NotificationType.COMPLAINT_NEW ? List.of("inbox") : List.of("inbox", "email"));
        }
        return channels;
    }

    public View of(String username) {
        return repository.find(username).map(this::view).orElseGet(() -> new View(defaultChannels(), Optional.empty()));
    }

    public void save(String username, Map<String, List<String>> channels, Optional<QuietHours> quiet, Instant now) {
        Map<String, List<String>> complete = defaultChannels();
        complete.putAll(channels);
        Preference p = repository.find(username).orElseGet(Preference::new);
        p.username = username;
        p.channels = json.write(complete);
        p.quietStart = quiet.map(QuietHours::start).orElse(null);
        p.quietEnd = quiet.map(QuietHours::end).orElse(null);
        p.updatedAt = now;
        repository.save(p);
    }

    private View view(Preference p) {
        Map<String, List<String>> channels = defaultChannels();
        channels.putAll(json.read(p.channels, CHANNELS));
        Optional<QuietHours> quiet = p.quietStart == null || p.quietEnd == null ? Optional.empty()
                : Optional.of(new QuietHours(p.quietStart, p.quietEnd));
        return new View(channels, quiet);
    }
}
