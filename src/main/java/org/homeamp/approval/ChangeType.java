package org.homeamp.approval;

import java.util.Locale;
import java.util.Optional;

/** What a proposed change does; {@link #label()} is the word shown in the workbook's Type column. */
public enum ChangeType {
    /** One setting in an existing config file changes value. */
    CONFIG("config"),
    /** A file the baseline has and the instance lacks is created. */
    NEW_FILE("new-file"),
    /** A plugin jar is replaced by a staged, newer one. */
    PLUGIN_UPDATE("plugin-update");

    private final String label;

    ChangeType(String label) {
        this.label = label;
    }

    /** The workbook spelling ({@code config}, {@code new-file}, {@code plugin-update}). */
    public String label() {
        return label;
    }

    /** The type whose label matches, ignoring case and surrounding blanks. */
    public static Optional<ChangeType> fromLabel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ChangeType t : values()) {
            if (t.label.equals(wanted)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
