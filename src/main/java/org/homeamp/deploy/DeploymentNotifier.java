package org.homeamp.deploy;

/**
 * Told once a deployment or rollback is recorded as finished: the mail of the deployment
 * ({@code mail.DeploymentMailer}) implements it. An interface here, not a call into {@code mail}, so
 * that {@code deploy} does not depend on the mail (which depends on {@code deploy} for the summary).
 * Called again when {@code homeamp restart} runs the finish step again; an implementation must do its
 * work at most once per deployment, and must not fail the deployment for a mail server that is down.
 */
public interface DeploymentNotifier {
    void finished(DeploySummary summary);
}
