package io.obsagent.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RawResponseTest {

    @Test
    void readsStatusHeadersAndPlainBody() {
        RawResponse response = parse("HTTP/1.1 404 Not Found\r\nX-Request-ID: abc\r\nx-request-id: def\r\n\r\nmissing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headerValues("X-Request-Id")).containsExactly("abc", "def");
        assertThat(response.bodyText()).isEqualTo("missing");
    }

    @Test
    void dechunksAChunkedBody() {
        RawResponse response = parse("HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        assertThat(response.bodyText()).isEqualTo("hello world");
    }

    @Test
    void keepsWhatCameOfAChunkedBodyThatBrokeOff() {
        RawResponse response = parse("HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n7\r\nline 1\n\r\n7\r\nline");

        assertThat(response.bodyText()).isEqualTo("line 1\nline");
    }

    private static RawResponse parse(String response) {
        return RawResponse.parse(response.getBytes(StandardCharsets.ISO_8859_1));
    }
}
