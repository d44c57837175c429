package org.homeamp.approval;

/**
 * The plan signing key cannot be created or used safely. The message names the key file and what
 * to do (usually {@code chmod 600}); nothing is signed or verified with a doubtful key.
 */
public class SigningKeyException extends RuntimeException {
    public SigningKeyException(String message) {
        super(message);
    }

    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
