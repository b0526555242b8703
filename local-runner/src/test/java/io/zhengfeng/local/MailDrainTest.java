package io.zhengfeng.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/** The local catcher writes every mail out and keeps only the newest few of each mailbox on its heap. */
class MailDrainTest {
    private static final int KEEP = 10;

    @TempDir
    Path dir;
    private GreenMail mail;
    private ServerSetup smtp;

    @BeforeEach
    void start() {
        smtp = ServerSetupTest.SMTP.dynamicPort();
        mail = new GreenMail(smtp);
        mail.start();
        smtp = mail.getSmtp().getServerSetup();
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void everyMailIsWrittenOutWhileEachMailboxKeepsOnlyTheNewestInMemory() throws Exception {
        MailDrain drain = new MailDrain(mail.getManagers().getImapHostManager().getStore(), dir, KEEP);
        send(0, 30);
        assertEquals(30, drain.drain());
        send(30, 35);
        assertEquals(5, drain.drain());
        assertEquals(0, drain.drain(), "nothing is written twice");

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(35, files.filter(f -> f.toString().endsWith(".eml")).count());
        }
        assertEquals(35, Files.readAllLines(dir.resolve("index.tsv")).size());
        MimeMessage[] inMemory = mail.getReceivedMessages();
        for (String to : List.of("a@example.org", "b@example.org")) {
            List<String> kept = new ArrayList<>();
            for (MimeMessage m : inMemory) {
                if (to.equals(m.getAllRecipients()[0].toString())) {
                    kept.add(m.getSubject());
                }
            }
            assertEquals(KEEP, kept.size(), "in memory for " + to);
            int last = to.startsWith("a") ? 34 : 33; // a gets the even-numbered mails, b the odd
            assertEquals("mail " + last, kept.get(kept.size() - 1), "the newest kept for " + to);
            assertEquals("mail " + (last - 2 * (KEEP - 1)), kept.get(0), "the oldest kept for " + to);
        }
    }

    private void send(int from, int to) {
        for (int i = from; i < to; i++) {
            GreenMailUtil.sendTextEmail(i % 2 == 0 ? "a@example.org" : "b@example.org", "zf@example.org", "mail " + i,
                    "body " + i, smtp);
        }
        mail.waitForIncomingEmail(5000, to);
    }
}
