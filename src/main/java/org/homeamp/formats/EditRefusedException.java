package org.homeamp.formats;

/**
 * A minimal edit that could not be made safely, so nothing is returned for the file. The message
 * names the file, the key and the reason, never a value: values may be secrets.
 */
public final class EditRefusedException extends RuntimeException {
    private final String file;
    private final String key;
    private final String reason;

    public EditRefusedException(String file, String key, String reason) {
        super("cannot edit " + file + (key == null || key.isEmpty() ? "" : " at key '" + key + "'") + ": " + reason
                + "; nothing was written to this file (edit it by hand or fix the baseline, see docs/baselines.md)");
        this.file = file;
        this.key = key;
        this.reason = reason;
    }

    /** The instance-relative path of the file. */
    public String file() {
        return file;
    }

    /** The key path as printed in findings, or null when the whole file was refused. */
    public String key() {
        return key;
    }

    /** Why, without any value. */
    public String reason() {
        return reason;
    }
}
