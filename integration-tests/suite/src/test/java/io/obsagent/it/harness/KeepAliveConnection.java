package io.obsagent.it.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to 127.0.0.1 kept open across requests, for sending many requests fast and cheaply
 * (no client library between the test and the bytes): exact methods, targets and header lines, as
 * {@link RawHttp} sends them, but without closing the connection after each answer. When the server closes
 * the connection (its {@code Connection: close}, a keep-alive limit, an error) the next request opens a new
 * one. Not thread-safe: one connection per client thread.
 */
public final class KeepAliveConnection implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final int port;
    private final int readTimeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connectionsOpened;

    public KeepAliveConnection(int port, Duration readTimeout) {
        this.port = port;
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    /**
     * Sends one request and reads its whole response.
     *
     * @param body        request body, or null for none (then no {@code Content-Length} is sent)
     * @param headerLines extra header lines, sent exactly as written (UTF-8)
     * @throws UncheckedIOException when the connection fails before a complete response arrived
     */
    public RawResponse send(String method, String target, String body, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        byte[] bodyBytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bodyBytes != null) {
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            if (socket == null) {
                open();
            }
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (bodyBytes != null) {
                out.write(bodyBytes);
            }
            out.flush();
            RawResponse response = read("HEAD".equals(method));
            if (closesAfter(response)) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(method + " " + abbreviate(target) + " on port " + port + " failed", e);
        }
    }

    /** How many TCP connections this client has opened so far. */
    public int connectionsOpened() {
        return connectionsOpened;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    private void open() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        connectionsOpened++;
    }

    private RawResponse read(boolean head) throws IOException {
        List<String> lines = readHead();
        String statusLine = lines.get(0);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        List<String> headerLines = lines.subList(1, lines.size());
        RawResponse headOnly = new RawResponse(statusLine, status, headerLines, new byte[0]);
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return headOnly;
        }
        String encoding = headOnly.header("Transfer-Encoding");
        String length = headOnly.header("Content-Length");
        byte[] body;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked();
        } else if (length != null) {
            body = readExactly(Integer.parseInt(length.trim()));
        } else {
            body = in.readAllBytes();
            close();
        }
        return new RawResponse(statusLine, status, headerLines, body);
    }

    private List<String> readHead() throws IOException {
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEAD_BYTES) {
                throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // tolerate a stray CRLF before the status line
                }
                return lines;
            }
            lines.add(line);
        }
    }

    /** A line up to CRLF (or LF), decoded as ISO-8859-1 so every byte stays visible. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed before the response was complete");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("response line longer than " + MAX_HEAD_BYTES + " bytes");
            }
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            readLine();
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private static boolean closesAfter(RawResponse response) {
        String connection = response.header("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " chars)";
    }
}
