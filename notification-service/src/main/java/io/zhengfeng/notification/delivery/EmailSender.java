package io.zhengfeng.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DirectoryAccount;
import io.zhengfeng.notification.persistence.DirectoryRepository;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.service.Json;
import io.zhengfeng.notification.template.MessageTemplates;

/**
 * E-mail to one staff member ({@code user:<username>}) at the address and in the language the account
 * feed last announced, through the configured SMTP server ({@code quarkus.mailer.*}).
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {
    /** Lets a receiving system drop the duplicate of an at-least-once delivery. */
    static final String NOTIFICATION_HEADER = "X-Zhengfeng-Notification";
    private static final String USER_PREFIX = "user:";

    private final Mailer mailer;
    private final DirectoryRepository directory;
    private final MessageTemplates templates;
    private final Json json;

    public EmailSender(Mailer mailer, DirectoryRepository directory, MessageTemplates templates, Json json) {
        this.mailer = mailer;
        this.directory = directory;
        this.templates = templates;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Send prepare(Notification n) throws DeliveryFailure {
        if (!n.recipient.startsWith(USER_PREFIX)) {
            throw DeliveryFailure.permanent("an e-mail recipient must be a user, not " + n.recipient);
        }
        DirectoryAccount account = directory.find(n.recipient.substring(USER_PREFIX.length()))
                .filter(a -> a.active && a.email != null && !a.email.isBlank())
                .orElseThrow(() -> DeliveryFailure.permanent("the recipient has no active account with an e-mail address"));
        MessageTemplates.Rendered message = templates.render(n.type, account.locale, json.readMap(n.params));
        Mail mail = Mail.withText(account.email, message.subject(), message.body())
                .addHeader(NOTIFICATION_HEADER, n.id.toString());
        return () -> {
            try {
                mailer.send(mail);
                return "accepted by the SMTP server";
            } catch (RuntimeException e) {
                throw DeliveryFailure.transientFailure("SMTP: " + e.getMessage(), e);
            }
        };
    }
}
