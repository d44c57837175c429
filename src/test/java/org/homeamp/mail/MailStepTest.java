package org.homeamp.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The nightly mail through a real SMTP server (GreenMail), to the outbox, and across a failed send and restarts. */
class MailStepTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** GreenMail on a free port (test JVMs run side by side), started before each test. */
    private static Map<String, Object> smtpUp() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    @TempDir
    Path tmp;

    @Test
    void nightlyMailsSubjectHtmlTextAndWorkbook() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14, smtpUp())) {
            RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage mail = received[0];
            long problems = demo.count("SELECT COUNT(*) FROM problem WHERE run_date = ?", DAY1) + 1;
            long updates = demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE'");
            assertThat(mail.getSubject()).isEqualTo("[homeamp] 2026-11-20: 8 new drift, " + updates + " updates, " + problems + " problems");
            assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("ops@demo.invalid");
            Parts parts = parts(mail);
            assertThat(parts.html).contains("style=\"").doesNotContain("<style").contains("Lobby01").contains("view-distance");
            assertThat(parts.text).contains("8 new drift").contains("homeamp deploy approvals-2026-11-20.xlsx").doesNotContain("<td");
            assertThat(parts.attachments).containsExactly("approvals-2026-11-20.xlsx");
            assertThat(parts.html + parts.text).doesNotContain("demo-rcon-5f2b91");
            assertThat(demo.count("SELECT COUNT(*) FROM mail_sent WHERE sent_at IS NOT NULL AND transport = 'smtp'")).isEqualTo(1);
        }
    }

    @Test
    void mailLinksToTheReportWhenBaseUrlIsSet() throws Exception {
        Path dir = tmp.resolve("demo");
        var network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        Files.writeString(network.configFile(), "  reports:\n    base-url: https://ops.example.org/homeamp\n", java.nio.file.StandardOpenOption.APPEND);
        try (DemoFixture demo = DemoFixture.open(network, smtpUp())) {
            demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);

            Parts parts = parts(greenMail.getReceivedMessages()[0]);
            assertThat(parts.html).contains("href=\"https://ops.example.org/homeamp/2026-11-20/index.html\"")
                    .contains("href=\"https://ops.example.org/homeamp/2026-11-20/drift.html\"");
            assertThat(parts.text).contains("https://ops.example.org/homeamp/2026-11-20/index.html");
        }
    }

    @Test
    void withoutSmtpHostTheMailGoesToTheOutbox() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            long runId = demo.count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", outcome.executionId());
            Path eml = demo.settings().stateDir().resolve("outbox").resolve("2026-11-20-" + runId + ".eml");
            assertThat(eml).exists();
            MimeMessage mail;
            try (InputStream in = Files.newInputStream(eml)) {
                mail = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertThat(mail.getSubject()).startsWith("[homeamp] 2026-11-20: 8 new drift, "
                    + demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE'") + " updates, ");
            assertThat(parts(mail).attachments).containsExactly("approvals-2026-11-20.xlsx");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            try (var outbox = Files.list(eml.getParent())) {
                assertThat(outbox).hasSize(1);
            }
        }
    }

    @Test
    void smtpDownFailsOnlyTheMailStepAndRestartSendsExactlyOnce() throws Exception {
        Path dir = tmp.resolve("demo");
        long failedExecution;
        try (DemoFixture demo = DemoFixture.start(dir, 6, 14, Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", closedPort()))) {
            RunOutcome failed = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);

            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("SMTP").contains("homeamp restart");
            failedExecution = failed.executionId();
            assertThat(failedSteps(demo, failedExecution)).containsExactly("mail");
            Path reports = demo.settings().stateDir().resolve("reports").resolve("2026-11-20");
            assertThat(reports.resolve("index.html")).exists();
            assertThat(reports.resolve("approvals-2026-11-20.xlsx")).exists();
            assertThat(demo.count("SELECT COUNT(*) FROM mail_sent")).isZero();
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        try (DemoFixture demo = DemoFixture.open(new DemoNetworkGenerator().generate(dir, 6, 14, false), smtpUp())) {
            JobService jobs = demo.jobs();
            RunOutcome resumed = jobs.restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            // discoveryPlan always runs again on a restart (it re-lists servers); the report is not redone
            assertThat(executedSteps(demo, resumed.executionId())).contains("mail").doesNotContain("report");
            assertThat(greenMail.getReceivedMessages()).hasSize(1);

            RunOutcome again = jobs.restart(null);
            RunOutcome rerunSameDate = jobs.run(JobNames.NIGHTLY, DAY1, List.of(), false);
            RunOutcome restartCompleted = jobs.restart(resumed.executionId());

            assertThat(again.ran()).isFalse();
            assertThat(rerunSameDate.ran()).isFalse();
            assertThat(restartCompleted.ran()).isFalse();
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(demo.count("SELECT COUNT(*) FROM mail_sent WHERE sent_at IS NOT NULL")).isEqualTo(1);
        }
    }

    @Test
    void aClaimLeftByACrashDuringTheSendIsNotSentAgain() throws Exception {
        Path dir = tmp.resolve("demo");
        try (DemoFixture demo = DemoFixture.start(dir, 6, 14, Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", closedPort()))) {
            RunOutcome failed = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            long runId = demo.count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", failed.executionId());
            // what a kill -9 between handing the message to SMTP and recording it leaves behind
            demo.jdbc().update("INSERT INTO mail_sent (run_id, message_id, sent_at, transport) VALUES (?, '<x@demo.invalid>', NULL, 'smtp')", runId);
        }
        try (DemoFixture demo = DemoFixture.open(new DemoNetworkGenerator().generate(dir, 6, 14, false), smtpUp())) {
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        }
    }

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return String.valueOf(s.getLocalPort());
        }
    }

    private static List<String> failedSteps(DemoFixture demo, long executionId) {
        return demo.jdbc().queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STATUS = 'FAILED'",
                String.class, executionId);
    }

    private static List<String> executedSteps(DemoFixture demo, long executionId) {
        return demo.jdbc().queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID",
                String.class, executionId);
    }

    /** The HTML and text bodies and the attachment names of a message. */
    private static final class Parts {
        String html = "";
        String text = "";
        final List<String> attachments = new ArrayList<>();
    }

    private static Parts parts(Part message) throws Exception {
        Parts parts = new Parts();
        collect(message, parts);
        return parts;
    }

    private static void collect(Part part, Parts parts) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            parts.attachments.add(part.getFileName());
        } else if (part.isMimeType("text/html")) {
            parts.html += part.getContent();
        } else if (part.isMimeType("text/plain")) {
            parts.text += part.getContent();
        } else if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                collect(p, parts);
            }
        }
    }
}
