package org.homeamp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the stack trace text Spring Batch stores as an exit message back into what the console shows
 * for the same failure: the outermost exception that is not Spring's own and has a message.
 */
final class FailureText {
    private record Header(String type, String message) {
    }

    private FailureText() {
    }

    /**
     * The first message of an exception of ours (not {@code org.springframework}); else, when Spring wrapped
     * the cause (the trace may be cut before it), the innermost message that is there. Empty for a trace
     * that is only one Spring exception, such as the partition step's "unsuccessful step".
     */
    static Optional<String> operatorWords(String stackTrace) {
        List<Header> headers = headers(stackTrace);
        for (Header h : headers) {
            if (!h.type().startsWith("org.springframework.") && !h.message().isBlank()) {
                return Optional.of(h.message());
            }
        }
        for (int i = headers.size() - 1; i > 0; i--) {
            if (!headers.get(i).message().isBlank()) {
                return Optional.of(headers.get(i).message());
            }
        }
        return Optional.empty();
    }

    /** The outermost message, or the trace's first line, when nothing better is there. */
    static String firstMessage(String stackTrace) {
        List<Header> headers = headers(stackTrace);
        if (headers.isEmpty()) {
            return stackTrace == null ? "" : stackTrace.lines().findFirst().orElse("").strip();
        }
        Header h = headers.get(0);
        return h.message().isBlank() ? simpleName(h.type()) : h.message();
    }

    /** The exception lines of a trace: its first line and every {@code Caused by:}, in that order. */
    private static List<Header> headers(String stackTrace) {
        List<Header> headers = new ArrayList<>();
        if (stackTrace == null || stackTrace.isBlank()) {
            return headers;
        }
        List<String> lines = stackTrace.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0) {
                parse(line).ifPresent(headers::add);
            } else if (line.startsWith("Caused by: ")) {
                parse(line.substring("Caused by: ".length())).ifPresent(headers::add);
            }
        }
        return headers;
    }

    private static Optional<Header> parse(String line) {
        int colon = line.indexOf(": ");
        String type = colon < 0 ? line.strip() : line.substring(0, colon);
        if (type.isEmpty() || type.contains(" ") || !type.contains(".")) {
            return Optional.empty();
        }
        return Optional.of(new Header(type, colon < 0 ? "" : line.substring(colon + 2).strip()));
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
