package io.obsagent.core.events;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineBufferTest {

    /** Records each write separately. */
    private final List<byte[]> writes = new ArrayList<>();
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            throw new AssertionError("single-byte write");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            writes.add(copy);
        }
    };

    @Test
    void encodesLikeTheJdkIncludingSurrogatePairs() throws IOException {
        String text = "{\"m\":\"é ü ✓ 😀 \\u0000\"}\n";
        LineBuffer lines = new LineBuffer();
        lines.add(text, out);
        assertThat(lines.writeTo(out)).isEqualTo(1);
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMark() throws IOException {
        LineBuffer lines = new LineBuffer();
        lines.add("a\uD800b\n", out);
        lines.writeTo(out);
        assertThat(new String(writes.get(0), StandardCharsets.UTF_8)).isEqualTo("a?b\n");
    }

    @Test
    void batchesWholeLinesUpToPipeBufAndWritesALongerLineAlone() throws IOException {
        LineBuffer lines = new LineBuffer();
        String line = "x".repeat(999) + "\n";
        int written = 0;
        for (int i = 0; i < 10; i++) {
            written += lines.add(line, out);
        }
        String huge = "y".repeat(LineBuffer.PIPE_BUF * 2) + "\n";
        written += lines.add(huge, out);
        written += lines.writeTo(out);

        assertThat(written).isEqualTo(11);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] w : writes) {
            String text = new String(w, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            if (!text.startsWith("y")) {
                assertThat(w.length).isLessThanOrEqualTo(LineBuffer.PIPE_BUF);
                assertThat(text.length() % 1000).isZero();
            }
            all.write(w);
        }
        assertThat(writes).hasSize(4); // 4 lines, 4 lines, the last 2 (written before the long one), the long one
        assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo(line.repeat(10) + huge);
    }
}
