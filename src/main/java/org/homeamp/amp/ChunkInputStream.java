package org.homeamp.amp;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Streams a file through AMP's {@code ReadFileChunk}, one chunk per fetch; a chunk shorter than asked
 * for is the last one. The first chunk is fetched by the constructor, so a missing file fails at
 * once. A failed fetch surfaces as the {@link AmpException} itself (unchecked), not wrapped in an
 * {@code IOException}, so callers can still tell a transient failure from a refusal.
 */
final class ChunkInputStream extends InputStream {
    private final LongFunction<byte[]> fetchAt;
    private final int chunkSize;
    private byte[] buffer;
    private int position;
    private long offset;
    private boolean lastChunk;

    ChunkInputStream(LongFunction<byte[]> fetchAt, int chunkSize) {
        this.fetchAt = fetchAt;
        this.chunkSize = chunkSize;
        fetch();
    }

    private void fetch() {
        buffer = fetchAt.apply(offset);
        position = 0;
        offset += buffer.length;
        lastChunk = buffer.length < chunkSize;
    }

    private boolean fill() {
        while (position >= buffer.length) {
            if (lastChunk) {
                return false;
            }
            fetch();
        }
        return true;
    }

    @Override
    public int read() {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int off, int len) {
        Objects.checkFromIndexSize(off, len, target.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, target, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - position;
    }
}
