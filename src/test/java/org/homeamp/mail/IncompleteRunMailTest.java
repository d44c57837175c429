package org.homeamp.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.DemoFixture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A night with one server's work missing ({@code run_gap} rows): report and mail say so, and once a
 * restart completed the work, exactly one follow-up mail goes out, never a second, also after a crash.
 */
class IncompleteRunMailTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final String REASON = "AMP at http://127.0.0.1:1/ did not answer: connection refused";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** GreenMail on a free port (test JVMs run side by side), started before each test. */
    private static Map<String, Object> smtpUp() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    @TempDir
    Path tmp;

    @Test
    void incompleteNightIsMarkedAndTheCompletedRunSendsOneFollowUp() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14, smtpUp())) {
            demo.hosts.simulator("ovh").close();   // a real gap: ovh's AMP is down for the night
            long runId = nightly(demo);
            String reason = demo.jdbc().queryForObject("SELECT reason FROM run_gap WHERE run_date = ? AND server = 'ovh' AND step = 'update-check'",
                    String.class, DAY1);

            MimeMessage[] first = greenMail.getReceivedMessages();
            assertThat(first).hasSize(1);
            assertThat(first[0].getSubject()).startsWith("[homeamp] 2026-11-20 (incomplete): ").contains(" new drift, ");
            String body = bodies(first[0]);
            assertThat(body).contains("incomplete").contains("ovh").contains("update-check").contains(reason).contains("homeamp restart");
            Path reports = demo.settings().stateDir().resolve("reports").resolve("2026-11-20");
            for (String page : List.of("index.html", "drift.html", "updates.html", "problems.html")) {
                Document doc = Jsoup.parse(reports.resolve(page).toFile(), "UTF-8");
                assertThat(doc.getElementById("incomplete")).as(page).isNotNull();
                assertThat(doc.getElementById("incomplete").text()).as(page).contains("ovh").contains("update-check").contains(reason)
                        .contains("homeamp restart");
            }
            Document runs = Jsoup.parse(reports.getParent().resolve("index.html").toFile(), "UTF-8");
            assertThat(runs.select("tr.incomplete").text()).contains("2026-11-20").contains("incomplete");
            ReportMailer mailer = demo.context.getBean(ReportMailer.class);

            mailer.mail(runId, DAY1);
            assertThat(greenMail.getReceivedMessages()).as("still incomplete: no follow-up yet").hasSize(1);

            demo.jdbc().update("UPDATE run_gap SET resolved_at = CURRENT_TIMESTAMP WHERE run_date = ?", DAY1);
            mailer.mail(runId, DAY1);
            mailer.mail(runId, DAY1);

            MimeMessage[] all = greenMail.getReceivedMessages();
            assertThat(all).hasSize(2);
            assertThat(all[1].getSubject()).startsWith("[homeamp] 2026-11-20 (completed after restart): ").contains(" new drift, ");
            assertThat(all[1].getHeader("In-Reply-To")[0]).isEqualTo(first[0].getMessageID());
            assertThat(bodies(all[1])).contains("complete now").contains("ovh").doesNotContain("This run is incomplete");
            assertThat(demo.count("SELECT COUNT(*) FROM mail_follow_up WHERE run_id = ? AND sent_at IS NOT NULL", runId)).isEqualTo(1);
        }
    }

    @Test
    void aFollowUpClaimLeftByACrashIsNotSentAgain() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14, smtpUp())) {
            openGap(demo, "hetzner", "discovery");
            long runId = nightly(demo);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            // what a kill -9 between handing the follow-up to SMTP and recording it leaves behind
            demo.jdbc().update("INSERT INTO mail_follow_up (run_id, message_id, sent_at, transport) VALUES (?, '<x@demo.invalid>', NULL, 'smtp')",
                    runId);
            demo.jdbc().update("UPDATE run_gap SET resolved_at = CURRENT_TIMESTAMP WHERE run_date = ?", DAY1);

            demo.context.getBean(ReportMailer.class).mail(runId, DAY1);

            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void completeNightSendsNoFollowUpAndNamesTheSenderAndTheWorkbookType() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14, smtpUp())) {
            long runId = nightly(demo);
            demo.context.getBean(ReportMailer.class).mail(runId, DAY1);

            MimeMessage[] all = greenMail.getReceivedMessages();
            assertThat(all).hasSize(1);
            assertThat(all[0].getSubject()).startsWith("[homeamp] 2026-11-20: ");
            InternetAddress from = (InternetAddress) all[0].getFrom()[0];
            assertThat(from.getPersonal()).isEqualTo("HomeAMP");
            assertThat(from.getAddress()).isEqualTo(demo.settings().mail().from());
            List<String> types = new ArrayList<>();
            attachmentTypes(all[0], types);
            assertThat(types).singleElement().asString().startsWith(ReportMailer.XLSX_TYPE);
        }
    }

    private static void openGap(DemoFixture demo, String server, String step) {
        demo.jdbc().update("INSERT INTO run_gap (run_date, server, step, reason, recorded_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                DAY1, server, step, REASON);
    }

    private static long nightly(DemoFixture demo) {
        RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);
        assertThat(outcome.executionId()).as(outcome.message()).isPositive();
        return demo.count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", outcome.executionId());
    }

    private static String bodies(Part part) throws Exception {
        if (part.isMimeType("text/html") || part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        StringBuilder all = new StringBuilder();
        if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (!Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                    all.append(bodies(p)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static void attachmentTypes(Part part, List<String> types) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            types.add(part.getContentType());
        } else if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                attachmentTypes(mp.getBodyPart(i), types);
            }
        }
    }
}
