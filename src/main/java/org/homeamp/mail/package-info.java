/**
 * The {@code mail} step: sends a run's report by SMTP or to the outbox, at most once per run
 * ({@code ReportMailer}, {@code MailLedger}). A feature: it may import {@code report}, the
 * ports, {@code batch} and {@code config}; {@code MailJobConfig} is job wiring.
 */
package org.homeamp.mail;
