package org.homeamp.formats;

/** Thrown by a format editor for one change; {@link ConfigEditor} adds the file and key. */
final class EditRefusal extends RuntimeException {
    EditRefusal(String reason) {
        super(reason, null, false, false);
    }
}
