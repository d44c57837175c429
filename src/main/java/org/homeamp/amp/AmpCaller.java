package org.homeamp.amp;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one AMP call with the session for its scope, and sends it again after a transient failure
 * when the call is idempotent, by the client's {@link RetryPolicy}. An expired session is replaced by
 * one new login inside a single attempt; a rejected password is never retried.
 */
final class AmpCaller {
    private static final Logger log = LoggerFactory.getLogger(AmpCaller.class);

    /** Which failures a call may be sent again for. */
    enum Retry {
        /** Not idempotent: sent once. */
        NEVER,
        /** Every transient failure. */
        TRANSIENT,
        /** Transient failures except "Instance Unavailable", which a lifecycle wait reads as "not yet". */
        TRANSIENT_BUT_UNAVAILABLE
    }

    private final AmpTransport transport;
    private final AmpSessions sessions;
    private final RetryPolicy retry;
    private final LongConsumer sleeper;

    AmpCaller(AmpTransport transport, AmpSessions sessions, RetryPolicy retry, LongConsumer sleeper) {
        this.transport = transport;
        this.sessions = sessions;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** Logs in to the controller (a read: retried when transient). */
    void login() {
        withRetry(transport.describe(null, "Core", "Login"), Retry.TRANSIENT, () -> sessions.sessionFor(AmpSessions.CONTROLLER));
    }

    JsonNode call(String instanceId, String module, String method, ObjectNode params, Retry mode) {
        String what = transport.describe(instanceId, module, method);
        return withRetry(what, mode, () -> callOnce(instanceId, module, method, params, what));
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or the policy's budget is spent; the
     * last failure is thrown as it was (its type tells the caller what happened).
     */
    private <T> T withRetry(String what, Retry mode, Supplier<T> attempt) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (AmpException e) {
                if (!retries(mode, e) || tries >= retry.attempts()) {
                    if (tries > 1) {
                        log.warn("{}: giving up after {} attempts: {}", what, tries, e.getMessage());
                    }
                    throw e;
                }
                Duration wait = retry.delayBefore(tries,
                        e instanceof AmpException.HttpStatus status ? status.retryAfter() : null);
                if (wait == null) {
                    log.warn("{}: AMP asks to wait longer than {} s before trying again; giving up", what, retry.maxRetryAfter().toSeconds());
                    throw e;
                }
                log.debug("{}: transient failure (attempt {} of {}), trying again in {} ms: {}", what, tries, retry.attempts(),
                        wait.toMillis(), e.getMessage());
                sleeper.accept(wait.toNanos());
            }
        }
    }

    private static boolean retries(Retry mode, AmpException e) {
        return switch (mode) {
            case NEVER -> false;
            case TRANSIENT -> e.isTransient();
            case TRANSIENT_BUT_UNAVAILABLE -> e.isTransient() && !(e instanceof AmpException.InstanceUnavailable);
        };
    }

    /**
     * One API call with the session for its scope. An expired session is replaced by one new
     * login and the call is repeated once; never more, so a broken setup cannot loop.
     */
    private JsonNode callOnce(String instanceId, String module, String method, ObjectNode params, String what) {
        String key = instanceId == null ? AmpSessions.CONTROLLER : instanceId;
        HttpUrl url = transport.url(instanceId, module, method);
        String session = sessions.sessionFor(key);
        JsonNode answer = transport.post(what, url, withSession(params, session), session);
        if (AmpReplies.isSessionExpired(answer)) {
            log.debug("session expired, logging in again: {}", what);
            sessions.forget(key, session);
            session = sessions.sessionFor(key);
            answer = transport.post(what, url, withSession(params, session), session);
            if (AmpReplies.isSessionExpired(answer)) {
                sessions.forget(key, session);
                throw new AmpException.SessionExpired(what + " was refused as 'Unauthorized Access' twice, even right after a fresh login: "
                        + "check that the AMP user has permission to log in to this instance (and that AMP's clock and session settings are sane)");
            }
        }
        sessions.touch(key);
        AmpReplies.raiseOnError(answer, what);
        return answer;
    }

    private ObjectNode withSession(ObjectNode params, String session) {
        ObjectNode body = params.deepCopy();
        body.put("SESSIONID", session);
        return body;
    }

}
