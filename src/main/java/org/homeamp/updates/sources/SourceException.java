package org.homeamp.updates.sources;

import java.time.Duration;

/**
 * A source could not answer a check. The subclass says why, so the caller can tell a plugin that is not
 * there ({@link NotFound}) from a source that is down ({@link Unavailable}) or refuses to serve it
 * ({@link Refused}); the message names the source, the URL and what to do.
 */
public abstract sealed class SourceException extends Exception {

    /** The kind of failure, for reports and {@code updates.json}. */
    public enum Reason {
        NOT_FOUND, RATE_LIMITED, UNAVAILABLE, MALFORMED, REFUSED
    }

    private final Reason reason;

    SourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the check failed. */
    public Reason reason() {
        return reason;
    }

    /** The project, version or file does not exist at the source (HTTP 404 or an empty answer). */
    public static final class NotFound extends SourceException {
        public NotFound(String message) {
            super(Reason.NOT_FOUND, message, null);
        }
    }

    /** The source asked us to slow down longer than we are willing to wait. */
    public static final class RateLimited extends SourceException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(Reason.RATE_LIMITED, message, null);
            this.retryAfter = retryAfter;
        }

        /** How long the source asked us to wait, when it said so. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Network failure, timeout, or a 5xx answer. */
    public static final class Unavailable extends SourceException {
        public Unavailable(String message, Throwable cause) {
            super(Reason.UNAVAILABLE, message, cause);
        }
    }

    /** The answer could not be read as what the source documents. */
    public static final class Malformed extends SourceException {
        public Malformed(String message, Throwable cause) {
            super(Reason.MALFORMED, message, cause);
        }
    }

    /** The source will not serve this plugin to a tool (premium or external resource, 401/403, no matching file). */
    public static final class Refused extends SourceException {
        public Refused(String message) {
            super(Reason.REFUSED, message, null);
        }
    }
}
