package io.zhengfeng.notification.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.zhengfeng.notification.config.NotificationConfig;

/**
 * The words of every notification, per type and language: e-mail subject and body, and the title the
 * inbox shows. Templates live in {@code templates/notifications/<type>.<locale>.txt}; the first line
 * is the subject, the rest (after a blank line) the body, so a translator sees one message in one file.
 * Codes (deadline kinds, channels…) are put into words by {@link Labels}, instants by {@link TimeFormat}.
 */
@ApplicationScoped
public class MessageTemplates {
    /** Languages with a template for every type, best first. */
    public static final List<String> LOCALES = List.of("zh-CN", "en");
    private static final String FALLBACK = "zh-CN";

    /** A rendered message and the language it was rendered in (which may differ from the one asked for). */
    public record Rendered(String locale, String subject, String body) {
    }

    private final Engine engine;
    private final String defaultLocale;

    public MessageTemplates(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.defaultLocale = supported(config.defaultLocale()).orElse(FALLBACK);
    }

    /**
     * @param type   a notification type code ({@code complaint.new}, {@code deadline.overdue}, …)
     * @param locale the reader's language tag, null or unsupported for the default
     * @param params the notification's parameters (no personal data: they are also the webhook body)
     * @throws IllegalArgumentException for an unknown type
     */
    public Rendered render(String type, String locale, Map<String, Object> params) {
        String lang = Optional.ofNullable(locale).flatMap(MessageTemplates::supported).orElse(defaultLocale);
        Template template = engine.getTemplate("notifications/" + type + "." + lang);
        if (template == null) {
            throw new IllegalArgumentException("no template for notification type " + type);
        }
        TemplateInstance instance = template.instance();
        params.forEach(instance::data);
        // The locale selects the Labels translation.
        instance.setLocale(Locale.forLanguageTag(lang));
        String text = instance.render().strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? new Rendered(lang, text, "")
                : new Rendered(lang, text.substring(0, newline).strip(), text.substring(newline + 1).strip());
    }

    /** "zh-CN", "zh", "zh-Hans-CN" → zh-CN; "en-GB" → en: exact tag first, then the language alone. */
    static Optional<String> supported(String tag) {
        Locale wanted = Locale.forLanguageTag(tag.replace('_', '-'));
        return LOCALES.stream().filter(l -> Locale.forLanguageTag(l).equals(wanted)).findFirst()
                .or(() -> LOCALES.stream()
                        .filter(l -> Locale.forLanguageTag(l).getLanguage().equals(wanted.getLanguage()))
                        .findFirst());
    }
}
