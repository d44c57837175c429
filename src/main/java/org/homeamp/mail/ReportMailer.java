package org.homeamp.mail;

import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.homeamp.batch.JobParams;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.report.ReportQueries;
import org.homeamp.report.ReportSummary;
import org.homeamp.report.ReportTemplates;
import org.homeamp.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The {@code mail} step (SPEC §9): mails a run's report to {@code mail.to}. Subject
 * {@code [homeamp] <date>: N new drift, M updates, K problems}; an HTML body with inline styles (mail
 * clients drop {@code <style>}) and a plain-text alternative, both from {@code report-templates/};
 * the approvals workbook attached; links to the report when {@code reports.base-url} is set.
 *
 * <p>With {@code spring.mail.host} configured the mail goes through SMTP; without it (or without
 * recipients) it is written to {@code <state-dir>/outbox/<date>-<run>.eml}.
 *
 * <p><b>Never twice, at the price of at most once</b> ({@link MailDelivery}): a claim for the run is
 * committed in {@code mail_sent} before the message is handed to SMTP and marked sent after. A
 * restart finds the row and sends nothing. If SMTP refuses or cannot be reached, the claim is removed
 * again and the step fails, so {@code homeamp restart} sends the mail once the server is back. A claim
 * left by a process that died while sending is not sent again: SPEC §9 forbids a second copy, so a
 * rare lost mail is the trade-off (the report is on disk anyway).
 *
 * <p><b>Incomplete nights.</b> While a {@code run_gap} of the date is open the mail says so in its
 * subject and body, and the ledger records that it went out incomplete. When the step runs again for
 * that run and every gap is resolved, it sends one follow-up ({@code (completed after restart)}),
 * kept in {@code mail_follow_up} under the same claim rule: never a second one (docs/decisions.md D-R3).
 */
public final class ReportMailer implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);
    /** The MIME type of an .xlsx workbook; a generic octet-stream makes some clients offer "open with" instead of Excel. */
    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final HomeAmpSettings settings;
    private final ReportQueries queries;
    private final ReportTemplates templates;
    private final MailDelivery delivery;
    private final MailLedger ledger;
    private final Clock clock;

    /**
     * @param smtp           the configured sender, or {@code null} when {@code spring.mail.host} is not set
     * @param smtpServer     {@code host:port} for messages
     * @param ownTransaction a REQUIRES_NEW template: claims must be committed before the send, whatever the step's transaction does
     */
    ReportMailer(HomeAmpSettings settings, ReportQueries queries, ReportTemplates templates, JavaMailSender smtp, String smtpServer,
            MailLedger ledger, TransactionTemplate ownTransaction, Clock clock) {
        this.settings = settings;
        this.queries = queries;
        this.templates = templates;
        this.delivery = new MailDelivery(settings, smtp, smtpServer, ledger, ownTransaction);
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Where the mail of a run goes when no SMTP host is configured. */
    public static Path outboxFile(HomeAmpSettings settings, LocalDate date, long runId) {
        return settings.stateDir().resolve("outbox").resolve(date + "-" + runId + ".eml");
    }

    /** Where the follow-up mail of a run that a restart completed goes when no SMTP host is configured. */
    public static Path followUpOutboxFile(HomeAmpSettings settings, LocalDate date, long runId) {
        return settings.stateDir().resolve("outbox").resolve(date + "-" + runId + "-completed.eml");
    }

    /** The subject of a run's mail (SPEC §9). */
    public static String subject(ReportSummary s) {
        return subject(s, MailModel.Status.COMPLETE);
    }

    /** The subject, with {@code (incomplete)} or {@code (completed after restart)} after the date when the run was not whole. */
    static String subject(ReportSummary s, MailModel.Status status) {
        return "[homeamp] " + s.date() + status.subjectMark() + ": " + s.newDrift() + " new drift, " + s.pendingUpdates() + " updates, "
                + s.problems() + " problems";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        mail(step.getJobExecution().getJobInstance().getInstanceId(), JobParams.date(step.getJobParameters()));
        return RepeatStatus.FINISHED;
    }

    /**
     * Sends what the run still owes: its report mail (marked incomplete while a {@code run_gap} of
     * the date is open), or, when that mail went out incomplete and every gap of the date is resolved
     * now, the one follow-up mail. Each at most once, also across crashes (see the class comment).
     */
    void mail(long runId, LocalDate date) {
        boolean incomplete = !queries.gaps().open(date).isEmpty();
        Optional<MailLedger.Entry> first = ledger.find(MailLedger.Kind.REPORT, runId);
        if (first.isEmpty()) {
            deliver(MailLedger.Kind.REPORT, runId, date, incomplete, null);
            return;
        }
        if (!alreadyHandled(first.get(), runId, date, "mail")) {
            deliver(MailLedger.Kind.REPORT, runId, date, incomplete, null);
            return;
        }
        if (!first.get().incomplete()) {
            return;
        }
        if (incomplete) {
            log.info("mail: run {} is still incomplete ({}); the follow-up mail goes out once homeamp restart has done the missing work",
                    runId, MailModel.gapList(queries.gaps().open(date)));
            return;
        }
        Optional<MailLedger.Entry> followUp = ledger.find(MailLedger.Kind.FOLLOW_UP, runId);
        if (followUp.isEmpty() || !alreadyHandled(followUp.get(), runId, date, "follow-up mail")) {
            deliver(MailLedger.Kind.FOLLOW_UP, runId, date, false, first.get().messageId());
        }
    }

    /** Whether an existing ledger row means "do not send": sent, or claimed by an SMTP send a crash cut short. */
    private boolean alreadyHandled(MailLedger.Entry entry, long runId, LocalDate date, String what) {
        return delivery.alreadyHandled(entry, what + " of run " + runId, "The report is in " + ReportWriter.folder(settings, date));
    }

    private void deliver(MailLedger.Kind kind, long runId, LocalDate date, boolean incomplete, String inReplyTo) {
        boolean viaSmtp = delivery.viaSmtp();
        ReportSummary summary = queries.summary(runId, date);
        MailModel.Status status = kind == MailLedger.Kind.FOLLOW_UP ? MailModel.Status.COMPLETED_AFTER_RESTART
                : incomplete ? MailModel.Status.INCOMPLETE : MailModel.Status.COMPLETE;
        String messageId = "<homeamp." + date + ".run" + runId + (kind == MailLedger.Kind.FOLLOW_UP ? ".completed" : "") + "@" + delivery.domain() + ">";
        String subject = subject(summary, status);
        MimeMessage message = compose(summary, status, runId, date, messageId, inReplyTo);
        if (viaSmtp) {
            delivery.sendOnce(kind, runId, message, messageId, incomplete, "the report mail", ". The report itself is written. Fix: check that"
                    + " the mail server is up and spring.mail.* in " + settings.configFile() + ", then run homeamp restart");
            log.info("mail: sent \"{}\" to {} through {}", subject, settings.mail().to(), delivery.smtpServer());
        } else {
            Path file = delivery.toOutbox(kind, runId, message, messageId, incomplete,
                    kind == MailLedger.Kind.FOLLOW_UP ? followUpOutboxFile(settings, date, runId) : outboxFile(settings, date, runId));
            log.info("mail: no SMTP host configured (spring.mail.host); \"{}\" written to {}", subject, file);
        }
    }

    private MimeMessage compose(ReportSummary summary, MailModel.Status status, long runId, LocalDate date, String messageId, String inReplyTo) {
        Path workbook = ReportWriter.workbook(settings, date);
        Map<String, Object> model = new MailModel(settings, queries, clock).build(summary, status, runId, date, Files.exists(workbook) ? workbook : null);
        try {
            MimeMessage message = delivery.newMessage(messageId);
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(delivery.sender());
            helper.setTo(settings.mail().to().toArray(String[]::new));
            helper.setSubject(subject(summary, status));
            helper.setSentDate(Date.from(clock.instant()));
            if (inReplyTo != null) {
                // mail clients thread the follow-up under the night's first mail
                message.setHeader("In-Reply-To", inReplyTo);
                message.setHeader("References", inReplyTo);
            }
            helper.setText(templates.render("mail-text.ftl", model), templates.render("mail.ftlh", model));
            if (Files.exists(workbook)) {
                helper.addAttachment(workbook.getFileName().toString(), new FileSystemResource(workbook), XLSX_TYPE);
            }
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot build the report mail: " + e.getMessage()
                    + ". Fix: check mail.from and mail.to in " + settings.configFile(), e);
        }
    }
}
