package io.zhengfeng.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.Store;

/**
 * Copies the mail GreenMail received out as files and keeps only the newest {@code keep} messages
 * of each mailbox in memory. GreenMail holds every message on its heap: a benchmark that sends tens
 * of thousands of e-mails ran the catcher out of memory, after which each send hung until the
 * mailer's timeout and notification-service's deliveries crawled. Only messages already written
 * out are deleted, so none is lost between a look and a trim.
 */
final class MailDrain {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Store store;
    private final Path dir;
    private final int keep;
    /** Per mailbox, the highest UID written out (UIDs only grow within a mailbox). */
    private final Map<String, Long> savedUpTo = new HashMap<>();
    private int written;

    MailDrain(Store store, Path dir, int keep) {
        this.store = store;
        this.dir = dir;
        this.keep = keep;
    }

    /** Writes out what arrived since the last call, then trims each mailbox; returns how many were written. */
    int drain() throws IOException, MessagingException, FolderException {
        int before = written;
        for (MailFolder folder : store.listMailboxes("*")) {
            long upTo = savedUpTo.getOrDefault(folder.getFullName(), 0L);
            long[] uids = folder.getMessageUids();
            for (long uid : uids) {
                if (uid > upTo) {
                    save(folder.getMessage(uid).getMimeMessage());
                    upTo = uid;
                }
            }
            savedUpTo.put(folder.getFullName(), upTo);
            trim(folder, uids, upTo);
        }
        return written - before;
    }

    private void trim(MailFolder folder, long[] uids, long savedUpTo) throws FolderException {
        int excess = uids.length - keep;
        if (excess <= 0) {
            return;
        }
        for (int i = 0; i < excess && uids[i] <= savedUpTo; i++) {
            folder.setFlags(new Flags(Flags.Flag.DELETED), true, uids[i], null, false);
        }
        folder.expunge();
    }

    /** The raw message ({@code .eml}), a readable copy ({@code .txt}: decoded headers and text), and a line in {@code index.tsv}. */
    private void save(MimeMessage message) throws IOException, MessagingException {
        String to = message.getAllRecipients() == null || message.getAllRecipients().length == 0 ? "unknown"
                : message.getAllRecipients()[0].toString();
        String from = message.getFrom() == null ? "?" : message.getFrom()[0].toString();
        String subject = message.getSubject(); // decoded (RFC 2047)
        String name = String.format("%s-%05d-%s", LocalDateTime.now().format(STAMP), written,
                to.replaceAll("[^A-Za-z0-9@._-]", "_"));
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".eml"))) {
            message.writeTo(out);
        }
        Object content = message.getContent();
        String text = "From: " + from + "\nTo: " + to + "\nDate: " + message.getSentDate() + "\nSubject: " + subject
                + "\n\n" + (content instanceof String body ? body : "(" + message.getContentType() + ": see the .eml file)")
                + "\n";
        Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("index.tsv"), name + "\t" + to + "\t" + subject + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written++;
        System.out.printf("[smtp] %s → %s: %s%n", from, to, subject);
    }
}
