package io.obsagent.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/** How a worker writes its answer to a connection the I/O thread keeps non-blocking. */
final class AnswerWriter {

    private AnswerWriter() {
    }

    /**
     * Writes the whole answer, waiting for the client to take it at most until {@code deadline}; false when the
     * client went away, was too slow, or the I/O thread closed the connection.
     */
    static boolean writeAll(SocketChannel channel, ByteBuffer answer, long deadline) {
        Selector writable = null;
        try {
            while (answer.hasRemaining()) {
                if (channel.write(answer) > 0) {
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                if (writable == null) {
                    writable = Selector.open();
                    channel.register(writable, SelectionKey.OP_WRITE);
                }
                writable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                writable.selectedKeys().clear();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (writable != null) {
                try {
                    writable.close();
                } catch (IOException ignored) {
                    // the answer is written or given up on either way
                }
            }
        }
    }
}
