package org.homeamp.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.homeamp.deploy.DeployService;
import org.homeamp.deploy.DeploySummary;
import org.homeamp.deploy.DeploymentStore;
import org.homeamp.deploy.RollbackService;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The mail of a deployment and of a rollback: through SMTP (GreenMail), to the outbox, at most once, never for a dry run. */
class DeploymentMailTest {
    /** Secret values of the demo's configs (drift/DemoSecrets): none may reach a mail. */
    private static final List<String> SECRETS = List.of("demo-rcon-5f2b91", "Cp-demo-3e9a51d0", "Lp-demo-7c41f0e2b9");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private static Map<String, Object> smtpUp() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    @Test
    void deployAndRollbackEachMailTheirResultOnceAndDryRunsMailNothing() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"), smtpUp())) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "alice",
                    r -> List.of("view-distance", "rcon.password", "teleport-cooldown").contains(r.get("Setting")));
            Path tampered = Approvals.setCell(approved, tmp.resolve("tampered.xlsx"), "Proposed", "77", r -> r.get("Setting").equals("teleport-cooldown"));

            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(tampered, List.of(), true, s.out))).isEqualTo(DeployService.PROBLEMS);
            assertThat(greenMail.getReceivedMessages()).as("a dry run sends nothing").isEmpty();

            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(tampered, List.of(), false, s.out))).isEqualTo(DeployService.PROBLEMS);

            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("[homeamp] deployment " + id + ": 2 applied, 1 refused, 0 rolled back");
            Parts mail = parts(received[0]);
            assertThat(mail.html).contains("style=\"").doesNotContain("<style").contains("Deployment " + id)
                    .contains("hetzner/Lobby01").contains("ovh/Creative01").contains("applied, healthy").contains("view-distance")
                    .contains("rcon.password").contains("refused").contains("alice").contains("homeamp history " + id)
                    .contains("homeamp rollback " + id + " --dry-run").contains(System.getProperty("user.name"));
            assertThat(mail.text).contains("Deployment " + id).contains("Run by " + System.getProperty("user.name"))
                    .contains("plan 2026-11-20-").contains("2 applied, 1 refused, 0 failed, 0 rolled back").contains("refused: row ")
                    .contains("Every row, file and sha256: homeamp history " + id).doesNotContain("<td");
            for (String secret : SECRETS) {
                assertThat(mail.html + mail.text).doesNotContain(secret);
            }
            assertThat(demo.count("SELECT COUNT(*) FROM mail_deployment WHERE deployment_id = ? AND sent_at IS NOT NULL AND transport = 'smtp'", id))
                    .isEqualTo(1);

            // the finish step again, as 'homeamp restart' of a job killed after the send runs it: nothing is sent twice
            demo.context.getBean(DeploymentMailer.class).finished(DeploySummary.of(demo.context.getBean(DeploymentStore.class), id));
            assertThat(greenMail.getReceivedMessages()).hasSize(1);

            assertThat(run(demo, s -> s.getBean(RollbackService.class).rollback(id, true, false, s.out))).isEqualTo(DeployService.OK);
            assertThat(greenMail.getReceivedMessages()).as("a dry run sends nothing").hasSize(1);

            assertThat(run(demo, s -> s.getBean(RollbackService.class).rollback(id, false, false, s.out))).isEqualTo(DeployService.OK);

            String rollbackId = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment WHERE kind = 'rollback'", String.class);
            received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(2);
            assertThat(received[1].getSubject()).isEqualTo("[homeamp] deployment " + rollbackId + ": 0 applied, 0 refused, 2 rolled back");
            Parts rollbackMail = parts(received[1]);
            assertThat(rollbackMail.text).contains("Rollback " + rollbackId + " of deployment " + id).contains("restored, healthy")
                    .contains("homeamp history " + rollbackId).doesNotContain("homeamp rollback ");
            for (String secret : SECRETS) {
                assertThat(rollbackMail.html + rollbackMail.text).doesNotContain(secret);
            }
        }
    }

    @Test
    void aFailedHealthCheckIsMailedAsRolledBackWithItsReasonToTheOutboxWithoutSmtp() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "dave",
                    r -> r.get("Setting").equals("teleport-cooldown"));
            demo.hosts.simulator("hetzner").control().failPluginOnNextStart("Survival01", "Essentials");

            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(approved, List.of(), false, s.out))).isEqualTo(DeployService.PROBLEMS);

            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            MimeMessage mail = read(DeploymentMailer.outboxFile(demo.settings(), id));
            assertThat(mail.getSubject()).isEqualTo("[homeamp] deployment " + id + ": 0 applied, 0 refused, 1 rolled back");
            Parts parts = parts(mail);
            assertThat(parts.text).contains("hetzner/Survival01: rolled back after a failed health check, 2 restarts")
                    .contains("Error occurred while enabling Essentials").contains("rolled back, approved by dave");
            assertThat(parts.html).contains("rolled back after a failed health check").contains("Error occurred while enabling Essentials");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(demo.count("SELECT COUNT(*) FROM mail_deployment WHERE deployment_id = ? AND transport = 'outbox' AND sent_at IS NOT NULL", id))
                    .isEqualTo(1);
        }
    }

    @Test
    void smtpDownLeavesTheDeploymentAppliedAndPutsItsMailInTheOutbox() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"), Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", closedPort()))) {
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "erin",
                    r -> r.get("Setting").equals("view-distance"));

            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(approved, List.of(), false, s.out))).isEqualTo(DeployService.OK);

            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            assertThat(demo.jdbc().queryForObject("SELECT result FROM deployment WHERE deployment_id = ?", String.class, id)).isEqualTo("COMPLETED");
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE result = 'APPLIED'")).isEqualTo(1);
            assertThat(read(DeploymentMailer.outboxFile(demo.settings(), id)).getSubject())
                    .isEqualTo("[homeamp] deployment " + id + ": 1 applied, 0 refused, 0 rolled back");
            assertThat(demo.count("SELECT COUNT(*) FROM mail_deployment WHERE deployment_id = ? AND transport = 'outbox'", id)).isEqualTo(1);
        }
    }

    @Test
    void aClaimLeftByAProcessKilledWhileSendingIsNotSentAgain() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"), smtpUp())) {
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "finn",
                    r -> r.get("Setting").equals("view-distance"));
            // the first deployment of today gets this id; a kill -9 during its send left the claim behind
            String id = "D-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(demo.settings().timeZone())) + "-1";
            demo.jdbc().update("INSERT INTO mail_deployment (deployment_id, message_id, sent_at, transport) VALUES (?, '<x@demo.invalid>', NULL, 'smtp')", id);

            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(approved, List.of(), false, s.out))).isEqualTo(DeployService.OK);

            assertThat(demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class)).isEqualTo(id);
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(DeploymentMailer.outboxFile(demo.settings(), id)).doesNotExist();
        }
    }

    // ------------------------------------------------------------------ helpers

    interface Action {
        int run(Scope s) throws Exception;
    }

    record Scope(DemoFixture demo, PrintWriter out) {
        <T> T getBean(Class<T> type) {
            return demo.context.getBean(type);
        }
    }

    private static int run(DemoFixture demo, Action action) throws Exception {
        StringWriter sw = new StringWriter();
        int exit = action.run(new Scope(demo, new PrintWriter(sw, true)));
        assertThat(exit).as(sw.toString()).isIn(DeployService.OK, DeployService.PROBLEMS);
        return exit;
    }

    private static MimeMessage read(Path eml) throws Exception {
        assertThat(eml).exists();
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return String.valueOf(s.getLocalPort());
        }
    }

    /** The HTML and text bodies of a message. */
    private static final class Parts {
        String html = "";
        String text = "";
    }

    private static Parts parts(Part message) throws Exception {
        Parts parts = new Parts();
        collect(message, parts);
        return parts;
    }

    private static void collect(Part part, Parts parts) throws Exception {
        if (part.isMimeType("text/html")) {
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
