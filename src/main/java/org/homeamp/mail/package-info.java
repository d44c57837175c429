/**
 * The {@code mail} step: sends a run's report by SMTP or to the outbox, at most once per run
 * ({@code ReportMailer}, {@code MailLedger}, {@code MailDelivery}); and the mail of each deployment and
 * rollback ({@code DeploymentMailer}, the {@code deploy.DeploymentNotifier} of the deploy job's finish
 * step). A feature: it may import {@code report}, {@code deploy}, the ports, {@code batch} and
 * {@code config}; {@code MailJobConfig} is job wiring.
 */
package org.homeamp.mail;
