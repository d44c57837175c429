package org.homeamp.updates.registry;

import java.util.Optional;

/**
 * Registry key {@code hold}: {@code false} (propose updates), {@code true} (report only, never propose),
 * or a version prefix such as {@code "5.4"} (propose only versions within it).
 *
 * @param all    {@code hold: true}
 * @param prefix the version prefix to stay within, or {@code null}
 */
public record Hold(boolean all, String prefix) {
    /** {@code hold: false}. */
    public static final Hold NONE = new Hold(false, null);
    /** {@code hold: true}. */
    public static final Hold ALL = new Hold(true, null);

    /** A hold to a version prefix. */
    public static Hold prefix(String prefix) {
        return new Hold(false, prefix);
    }

    /** The prefix, when this is a prefix hold. */
    public Optional<String> versionPrefix() {
        return Optional.ofNullable(prefix);
    }

    /**
     * True when {@code version} lies within the prefix: {@code 5.4} holds {@code 5.4}, {@code 5.4.1},
     * {@code v5.4-beta} but not {@code 5.40}.
     */
    public boolean admits(String version) {
        if (prefix == null) {
            return true;
        }
        String plain = version == null ? "" : version.strip().replaceFirst("^[vV](?=\\d)", "");
        if (!plain.startsWith(prefix)) {
            return false;
        }
        return plain.length() == prefix.length() || !Character.isDigit(plain.charAt(prefix.length()))
                || !Character.isDigit(prefix.charAt(prefix.length() - 1));
    }

    @Override
    public String toString() {
        return all ? "true" : prefix == null ? "false" : prefix;
    }
}
