package io.zhengfeng.local;

import java.nio.file.Files;
import java.nio.file.Path;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local run's mail server: GreenMail accepts every message on SMTP (no authentication) and
 * keeps it, readable over POP3 ({@code --pop3-port}; user and password: the recipient's address)
 * and as files in {@code --mail-dir}: the raw {@code .eml}, a decoded {@code .txt}, and a line per
 * mail in {@code index.tsv}, which {@code ./run.sh --mails} lists. POP3 offers the newest
 * {@code --keep} (1000) of each mailbox; the files keep all ({@link MailDrain}). Nothing leaves the machine.
 *
 * <pre>
 * java -cp local-runner/target/local-runner.jar:$(cat local-runner/target/classpath.txt) \
 *     io.zhengfeng.local.SmtpCatcherMain [--port 2525] [--pop3-port PORT+1] [--mail-dir .run/mails] [--keep 1000]
 * </pre>
 */
public final class SmtpCatcherMain {
    private SmtpCatcherMain() {
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: SmtpCatcherMain [--port 2525] [--pop3-port <port+1>] [--mail-dir .run/mails] [--keep 1000]");
            return;
        }
        int port = cli.getInt("port", 0, "ZF_SMTP_PORT", 2525);
        int pop3Port = cli.getInt("pop3-port", -1, "ZF_POP3_PORT", port + 1);
        Path mailDir = cli.getPath("mail-dir", 1, "ZF_MAIL_DIR", ".run/mails");
        int keep = cli.getInt("keep", -1, "ZF_MAIL_KEEP", 1000);
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

        MailDrain drain = new MailDrain(mail.getManagers().getImapHostManager().getStore(), mailDir, keep);
        while (true) {
            try {
                drain.drain();
            } catch (Exception e) { // a file not written now is written at the next look
                System.out.printf("[smtp] writing mail out failed: %s%n", e);
            }
            Thread.sleep(500);
        }
    }
}
