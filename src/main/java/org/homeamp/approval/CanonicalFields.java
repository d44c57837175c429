package org.homeamp.approval;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a list of text fields so that no two different lists give the same bytes: each field is
 * its UTF-8 length as four big-endian bytes followed by the bytes. Without the length prefix
 * ("ab","c") and ("a","bc") would sign alike, and a forger could move text between cells.
 * {@code null} is encoded as the empty string because a workbook cannot tell an empty cell from a
 * missing value; the reader sees {@code ""} where the plan had {@code null}.
 */
final class CanonicalFields {
    private CanonicalFields() {
    }

    static byte[] encode(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String field : fields) {
            byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
