package org.homeamp.amp;

/**
 * A failed AMP call. The message names the AMP URL and method, what AMP said, and what to do; it
 * never contains the password or a session id.
 */
public class AmpException extends RuntimeException {
    public AmpException(String message) {
        super(message);
    }

    public AmpException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same idempotent call may succeed if sent again a little later: no answer, a
     * connection refused or reset, HTTP 5xx or 429, or AMP's "Instance Unavailable". A rejected
     * password, a refused permission or a {@code Status:false} answer is not transient.
     */
    public boolean isTransient() {
        return false;
    }

    /** AMP rejected the username/password. Never retried: AMP throttles failed logins. */
    public static class LoginRejected extends AmpException {
        public LoginRejected(String message) {
            super(message);
        }
    }

    /** The session was refused ("Unauthorized Access ... Session.Exists") even after one fresh login. */
    public static class SessionExpired extends AmpException {
        public SessionExpired(String message) {
            super(message);
        }
    }

    /** AMP answered with a fault envelope {@code {Title, Message, StackTrace}}. */
    public static class Fault extends AmpException {
        private final String title;

        public Fault(String title, String message) {
            super(message);
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The proxied instance is down ("Instance Unavailable"). */
    public static class InstanceUnavailable extends Fault {
        public InstanceUnavailable(String title, String message) {
            super(title, message);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** An ActionResult with {@code Status:false} (the {@code Reason} is in the message). */
    public static class ActionFailed extends AmpException {
        public ActionFailed(String message) {
            super(message);
        }
    }

    /**
     * No answer in time, connection refused, an HTTP error status, or an answer that is not AMP's JSON
     * (an HTML error page). Transient unless the answer shows a wrong URL (HTTP 4xx other than 429,
     * or a 200 that is not JSON).
     */
    public static class Unreachable extends AmpException {
        private final boolean transientFailure;

        public Unreachable(String message, Throwable cause) {
            this(message, cause, true);
        }

        public Unreachable(String message, Throwable cause, boolean transientFailure) {
            super(message, cause);
            this.transientFailure = transientFailure;
        }

        @Override
        public boolean isTransient() {
            return transientFailure;
        }
    }

    /** Something in front of AMP (or AMP restarting) answered with an HTTP status other than 2xx. */
    public static class HttpStatus extends Unreachable {
        private final int status;
        private final java.time.Duration retryAfter;

        public HttpStatus(String message, int status, java.time.Duration retryAfter) {
            super(message, null, status == 429 || status >= 500);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        /** The wait the answer asked for ({@code Retry-After} on 429 or 503), or null. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** An instance did not reach the wanted state before the deadline. */
    public static class DeadlineExceeded extends AmpException {
        private final AmpState lastState;

        public DeadlineExceeded(String message, AmpState lastState) {
            super(message);
            this.lastState = lastState;
        }

        public AmpState lastState() {
            return lastState;
        }
    }
}
