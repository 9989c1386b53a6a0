package io.obsagent.core.events;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Complete lines, encoded to UTF-8 into one reused buffer and written together: one {@code write} per batch
 * instead of one per event. A batch never exceeds {@link #PIPE_BUF} bytes, the size up to which POSIX makes a
 * write to a pipe atomic: whatever else writes to the same pipe or terminal without going through our
 * {@code PrintStream} (a container's console handler on the raw descriptor) can never land inside a line.
 * A longer line is written alone, as before. Used by the writer thread only.
 */
final class LineBuffer {

    static final int PIPE_BUF = 4096;

    private final byte[] batch = new byte[PIPE_BUF];
    private int length;
    private int lines;
    private byte[] line = new byte[1024];

    /** Lines in the batch not yet written. */
    int pendingLines() {
        return lines;
    }

    /**
     * Adds one line; first writes the batch out when the line would not fit. Returns the number of lines that
     * were written by this call (so the caller can count them finished).
     */
    int add(CharSequence text, OutputStream out) throws IOException {
        int n = encode(text);
        int written = 0;
        if (length + n > PIPE_BUF) {
            written = writeTo(out);
        }
        if (n > PIPE_BUF) {
            out.write(line, 0, n);
            out.flush();
            return written + 1;
        }
        System.arraycopy(line, 0, batch, length, n);
        length += n;
        lines++;
        return written;
    }

    /** Writes the batch and empties it; returns how many lines it held. On failure the batch is emptied too. */
    int writeTo(OutputStream out) throws IOException {
        int written = lines;
        if (length > 0) {
            try {
                out.write(batch, 0, length);
                out.flush();
            } finally {
                length = 0;
                lines = 0;
            }
        }
        return written;
    }

    /** UTF-8 of {@code text} into {@link #line}; returns the byte count. A lone surrogate becomes '?'. */
    private int encode(CharSequence text) {
        int chars = text.length();
        if (line.length < chars * 3) {
            line = new byte[chars * 3];
        }
        byte[] b = line;
        int n = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[n++] = (byte) (0xF0 | (cp >> 18));
                b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[n++] = '?';
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }
}
