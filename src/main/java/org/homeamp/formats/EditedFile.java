package org.homeamp.formats;

import java.util.List;

/**
 * The bytes of a file after {@link ConfigEditor#apply}, and the keys whose bytes were edited. A change
 * whose key already held an equal value (as the drift scan compares) edits nothing and is not listed.
 */
public record EditedFile(byte[] bytes, List<org.homeamp.formats.KeyPath> changed) {
    public EditedFile {
        changed = List.copyOf(changed);
    }
}
