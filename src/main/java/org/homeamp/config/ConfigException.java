package org.homeamp.config;

import java.util.List;

/**
 * Bad usage or configuration (exit code 2). The message names the file, the key or line, the bad
 * value where it is not a secret, and the fix. When several problems were found at once, the message
 * holds one line per problem and {@link #problems()} lists them separately.
 */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems reported together, one line each, so an operator fixes them in one go. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems this exception reports, one line each. */
    public List<String> problems() {
        return problems;
    }
}
