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
    }

    /** An ActionResult with {@code Status:false} (the {@code Reason} is in the message). */
    public static class ActionFailed extends AmpException {
        public ActionFailed(String message) {
            super(message);
        }
    }

    /** No answer in time, connection refused, or an answer that is not AMP's JSON (an HTML error page). */
    public static class Unreachable extends AmpException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
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
