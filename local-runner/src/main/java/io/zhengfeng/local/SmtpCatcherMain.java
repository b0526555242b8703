package io.zhengfeng.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local run's mail server: GreenMail accepts every message on SMTP (no authentication) and
 * keeps it, readable over POP3 ({@code --pop3-port}; user and password: the recipient's address)
 * and as files in {@code --mail-dir}: the raw {@code .eml}, a decoded {@code .txt}, and a line per
 * mail in {@code index.tsv}, which {@code ./run.sh --mails} lists. Nothing leaves the machine.
 *
 * <pre>
 * java -cp local-runner/target/local-runner.jar:$(cat local-runner/target/classpath.txt) \
 *     io.zhengfeng.local.SmtpCatcherMain [--port 2525] [--pop3-port PORT+1] [--mail-dir .run/mails]
 * </pre>
 */
public final class SmtpCatcherMain {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private SmtpCatcherMain() {
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: SmtpCatcherMain [--port 2525] [--pop3-port <port+1>] [--mail-dir .run/mails]");
            return;
        }
        int port = cli.getInt("port", 0, "ZF_SMTP_PORT", 2525);
        int pop3Port = cli.getInt("pop3-port", -1, "ZF_POP3_PORT", port + 1);
        Path mailDir = cli.getPath("mail-dir", 1, "ZF_MAIL_DIR", ".run/mails");
        Files.createDirectories(mailDir);

        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(pop3Port, "127.0.0.1", ServerSetup.PROTOCOL_POP3)
        });
        mail.withConfiguration(GreenMailConfiguration.aConfig()
                .withDisabledAuthentication());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mail.stop();
            System.out.println("[smtp] stopped");
        }, "smtp-shutdown-hook"));
        mail.start();
        System.out.printf("[smtp] ready: SMTP on 127.0.0.1:%d, POP3 on 127.0.0.1:%d, files in %s%n", port, pop3Port, mailDir);

        int written = 0;
        while (true) {
            // GreenMail keeps every message in memory; copy the new ones out as files.
            MimeMessage[] received = mail.getReceivedMessages();
            for (; written < received.length; written++) {
                save(received[written], mailDir, written);
            }
            Thread.sleep(500);
        }
    }

    /** The raw message ({@code .eml}), a readable copy ({@code .txt}: decoded headers and text), and a line in {@code index.tsv}. */
    private static void save(MimeMessage message, Path dir, int n) throws IOException, MessagingException {
        String to = message.getAllRecipients() == null || message.getAllRecipients().length == 0 ? "unknown"
                : message.getAllRecipients()[0].toString();
        String from = message.getFrom() == null ? "?" : message.getFrom()[0].toString();
        String subject = message.getSubject(); // decoded (RFC 2047)
        String name = String.format("%s-%05d-%s", LocalDateTime.now().format(STAMP), n, to.replaceAll("[^A-Za-z0-9@._-]", "_"));
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
        System.out.printf("[smtp] %s → %s: %s%n", from, to, subject);
    }
}
