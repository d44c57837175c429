package org.homeamp.config;

/**
 * Bad usage or configuration (exit code 2). The message names the file, the key or line, the bad
 * value where it is not a secret, and the fix.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
