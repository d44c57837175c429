package org.homeamp.mail;

import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.deploy.DeploySummary;
import org.homeamp.deploy.DeployRow;
import org.homeamp.deploy.DeployedInstance;
import org.homeamp.deploy.Deployment;
import org.homeamp.deploy.DeploymentNotifier;
import org.homeamp.deploy.RowResult;
import org.homeamp.report.ReportTemplates;
import org.homeamp.report.ShownTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The mail of a deployment or rollback (docs/deploy.md "The deployment mail"): subject
 * {@code [homeamp] deployment <ID>: N applied, R refused, B rolled back}, an HTML body with inline
 * styles and a plain-text alternative ({@code deployment-mail.ftlh}, {@code deployment-mail-text.ftl}
 * in {@code report-templates/}), to the nightly's recipients through the same SMTP settings, or to
 * {@code <state-dir>/outbox/<ID>.eml} without an SMTP host.
 *
 * <p>The counts: N rows applied; R rows not applied, refused when verified or failed while writing
 * (either way the instance was left as it was); B rows rolled back. For a rollback, the rows it
 * restored are its "rolled back" and it applies nothing new, so a rollback reads
 * {@code 0 applied, R refused, B rolled back} (docs/decisions.md D-M1).
 *
 * <p>At most once per deployment ({@code mail_deployment}, the claim rule of {@link MailDelivery}),
 * also when {@code homeamp restart} runs the finish step again. A mail server that refuses or cannot
 * be reached never fails the deployment, which is applied and recorded by then: the mail is written
 * to the outbox instead, with a warning on the console and in the log (D-M2).
 */
public final class DeploymentMailer implements DeploymentNotifier {
    private static final Logger log = LoggerFactory.getLogger(DeploymentMailer.class);

    /** One instance as the mail shows it. */
    public record InstanceLine(String label, String result, String reason, int restarts) {
    }

    /** One row as the mail shows it; values of secret settings are the plan's fingerprints. */
    public record RowLine(String changeId, int rowNumber, String instance, String type, String file, String setting, String current,
            String proposed, String approvedBy, String result, String reason) {
    }

    private final HomeAmpSettings settings;
    private final ReportTemplates templates;
    private final MailDelivery delivery;
    private final Clock clock;

    DeploymentMailer(HomeAmpSettings settings, ReportTemplates templates, MailDelivery delivery, Clock clock) {
        this.settings = settings;
        this.templates = templates;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Where the mail of a deployment goes when no SMTP host is configured. */
    public static Path outboxFile(HomeAmpSettings settings, String deploymentId) {
        return settings.stateDir().resolve("outbox").resolve(deploymentId + ".eml");
    }

    /** The subject (see the class comment for how a rollback counts). */
    public static String subject(DeploySummary s) {
        long applied = s.deployment().isRollback() ? 0 : s.count(RowResult.APPLIED);
        long rolledBack = s.deployment().isRollback() ? s.count(RowResult.APPLIED) : s.count(RowResult.ROLLED_BACK);
        return "[homeamp] deployment " + s.deployment().id() + ": " + applied + " applied, " + notApplied(s) + " refused, " + rolledBack
                + " rolled back";
    }

    private static long notApplied(DeploySummary s) {
        return s.count(RowResult.REFUSED) + s.count(RowResult.FAILED);
    }

    @Override
    public void finished(DeploySummary summary) {
        String id = summary.deployment().id();
        String what = (summary.deployment().isRollback() ? "mail of rollback " : "mail of deployment ") + id;
        Optional<MailLedger.Entry> earlier = delivery.ledger().find(MailLedger.Kind.DEPLOYMENT, id);
        if (earlier.isPresent() && delivery.alreadyHandled(earlier.get(), what, "Run 'homeamp history " + id + "' to see its result")) {
            return;
        }
        String messageId = "<homeamp.deployment." + id + "@" + delivery.domain() + ">";
        String subject = subject(summary);
        MimeMessage message = compose(summary, messageId, subject);
        if (delivery.viaSmtp()) {
            try {
                delivery.sendOnce(MailLedger.Kind.DEPLOYMENT, id, message, messageId, false, "the " + what, "");
                log.info("mail: sent \"{}\" to {} through {}", subject, settings.mail().to(), delivery.smtpServer());
                return;
            } catch (MailDeliveryException e) {
                Path file = delivery.toOutbox(MailLedger.Kind.DEPLOYMENT, id, message, messageId, false, outboxFile(settings, id));
                log.warn("mail: {}. The deployment stands as recorded; the mail was written to {} instead. Fix: check that the mail server"
                        + " is up and spring.mail.* in {}; send that file by hand if the team needs it", e.getMessage(), file, settings.configFile());
                return;
            }
        }
        Path file = delivery.toOutbox(MailLedger.Kind.DEPLOYMENT, id, message, messageId, false, outboxFile(settings, id));
        log.info("mail: no SMTP host configured (spring.mail.host); \"{}\" written to {}", subject, file);
    }

    private MimeMessage compose(DeploySummary summary, String messageId, String subject) {
        Map<String, Object> model = model(summary);
        try {
            MimeMessage message = delivery.newMessage(messageId);
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(delivery.sender());
            helper.setTo(settings.mail().to().toArray(String[]::new));
            helper.setSubject(subject);
            helper.setSentDate(Date.from(clock.instant()));
            helper.setText(templates.render("deployment-mail-text.ftl", model), templates.render("deployment-mail.ftlh", model));
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot build the deployment mail: " + e.getMessage()
                    + ". Fix: check mail.from and mail.to in " + settings.configFile(), e);
        }
    }

    /** The templates' model: the deployment, its counts, one line per instance and per row, and the commands to look further. */
    Map<String, Object> model(DeploySummary summary) {
        Deployment d = summary.deployment();
        boolean rollback = d.isRollback();
        Map<String, Object> model = new HashMap<>();
        model.put("id", d.id());
        model.put("kind", rollback ? "rollback" : "deployment");
        model.put("undoes", d.undoes() == null ? "" : d.undoes());
        model.put("plan", d.planId() == null ? "" : d.planId());
        model.put("workbook", d.workbookPath() == null ? "" : Path.of(d.workbookPath()).getFileName().toString());
        model.put("forced", d.forced());
        model.put("runBy", d.runBy());
        model.put("started", d.started() == null ? "" : ShownTime.format(d.started().toInstant(), settings.timeZone()));
        model.put("finished", d.finished() == null ? "" : ShownTime.format(d.finished().toInstant(), settings.timeZone()));
        model.put("subject", subject(summary));
        model.put("applied", rollback ? 0 : summary.count(RowResult.APPLIED));
        model.put("refused", summary.count(RowResult.REFUSED));
        model.put("failed", summary.count(RowResult.FAILED));
        model.put("rolledBack", rollback ? summary.count(RowResult.APPLIED) : summary.count(RowResult.ROLLED_BACK));
        model.put("problems", summary.hasProblems());
        model.put("historyCommand", "homeamp history " + d.id());
        boolean anyApplied = summary.count(RowResult.APPLIED) > 0;
        model.put("rollbackCommand", !rollback && anyApplied ? "homeamp rollback " + d.id() + " --dry-run" : "");
        model.put("generated", ShownTime.format(clock.instant(), settings.timeZone()));
        List<InstanceLine> instances = new ArrayList<>();
        for (DeployedInstance i : summary.instances()) {
            instances.add(new InstanceLine(i.label(), instanceResult(i, summary, rollback), i.reason() == null ? "" : i.reason(), i.restarts()));
        }
        model.put("instances", instances);
        List<RowLine> rows = new ArrayList<>();
        for (DeployRow r : summary.rows()) {
            rows.add(new RowLine(r.changeId(), r.rowNumber(), r.server() == null ? "" : r.server() + "/" + r.instance(),
                    r.type() == null ? "" : r.type().label(), nz(r.file()), nz(r.setting()), nz(r.current()), nz(r.proposed()),
                    nz(r.approvedBy()), rowResult(r.result(), rollback), nz(r.reason())));
        }
        model.put("rows", rows);
        return model;
    }

    private static String instanceResult(DeployedInstance i, DeploySummary summary, boolean rollback) {
        return switch (i.state()) {
            case HEALTHY -> rollback ? "restored, healthy" : "applied, healthy";
            case ROLLED_BACK -> "rolled back after a failed health check";
            case ROLLBACK_UNHEALTHY -> rollback ? "restored, but not healthy" : "rolled back, but still not healthy";
            case NOT_CHANGED -> summary.rows().stream().anyMatch(r -> r.result() == RowResult.FAILED && i.server().equals(r.server())
                    && i.instance().equals(r.instance())) ? "failed, left as it was" : "not changed";
            default -> "unfinished (" + i.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    private static String rowResult(RowResult r, boolean rollback) {
        return switch (r) {
            case APPLIED -> rollback ? "restored" : "applied";
            case ROLLED_BACK -> "rolled back";
            default -> r.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
