package io.obsagent.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends exact bytes over a socket and reads the response until the server closes the connection: for requests
 * a regular client refuses to send, such as header values with CR/LF or non-ASCII bytes.
 */
public final class RawHttp {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private RawHttp() {
    }

    /**
     * A GET with {@code Host} and {@code Connection: close}, plus the given header lines exactly as written
     * (UTF-8 encoded, so non-ASCII characters arrive as raw bytes; a "\r\n" inside a line is sent as is).
     */
    public static RawResponse get(int port, String pathAndQuery, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return send(port, request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code request} to 127.0.0.1:{@code port}; the request should ask the server to close the connection. */
    public static RawResponse send(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return RawResponse.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Raw request to port " + port + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // A server that aborts a response (e.g. after a failure once committed) resets the connection: keep what came.
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }
}
