package org.homeamp.formats;

import org.homeamp.formats.KeyPath;

/** Edits the text of one file format for one change; the result is proven by {@link EditProof}. */
interface FormatEditor {
    /**
     * @return the text with only the bytes of {@code key}'s value replaced, or the key inserted
     * @throws EditRefusal when the change cannot be made without touching anything else
     */
    String edit(String text, KeyPath key, Object value);
}
