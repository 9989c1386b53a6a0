package io.obsagent.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHeadTest {

    @Test
    void aHeadEndsAtTheFirstEmptyLineWhetherLinesEndWithCrlfOrLf() {
        assertThat(end("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest")).isEqualTo(27);
        assertThat(end("GET / HTTP/1.1\nHost: x\n\nrest")).isEqualTo(24);
        assertThat(end("GET / HTTP/1.1\r\nHost: x\r\n")).isEqualTo(-1);
        assertThat(end("GET / HTTP/1.1\r\nHost: x\r\n\r")).isEqualTo(-1);
    }

    @Test
    void theSearchResumesWhereItStoppedWithoutMissingATerminatorSplitAcrossReads() {
        byte[] bytes = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestHead.end(bytes, 0, 0, 25)).isEqualTo(-1);
        assertThat(RequestHead.end(bytes, 0, 25, 26)).isEqualTo(-1);
        assertThat(RequestHead.end(bytes, 0, 26, 27)).isEqualTo(27);
    }

    @Test
    void parsesMethodPathQueryAndHeadersCaseInsensitively() throws Exception {
        SideRequest request = parse("GET /metrics?name[]=a&x=1 HTTP/1.1\r\nHost: x\r\nACCEPT: text/plain\r\n"
                + "Accept: application/json\r\nauthorization:  Basic abc  \r\n\r\n");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/metrics");
        assertThat(request.rawQuery()).isEqualTo("name[]=a&x=1");
        assertThat(request.headers("accept")).containsExactly("text/plain", "application/json");
        assertThat(request.header("Authorization")).isEqualTo("Basic abc");
        assertThat(request.contentLength()).isEqualTo(-1);
        assertThat(request.keepAlive()).isTrue();
    }

    @Test
    void absoluteFormAndAsteriskTargets() throws Exception {
        assertThat(parse("GET http://host:9464/health/live?x HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("/health/live");
        assertThat(parse("GET http://host:9464 HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("/");
        assertThat(parse("GET http://host:9464?a=b HTTP/1.1\r\n\r\n").rawQuery()).isEqualTo("a=b");
        assertThat(parse("OPTIONS * HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("*");
        assertThat(parse("GET /a#frag HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("/a");
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionHeader() throws Exception {
        assertThat(parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive()).isTrue();
    }

    @Test
    void bodiesAreDescribedNeverRead() throws Exception {
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 52428800\r\n\r\n").contentLength()).isEqualTo(52428800L);
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n").contentLength()).isEqualTo(5L);
        SideRequest chunked = parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(chunked.hasChunkedBody()).isTrue();
        assertThat(chunked.contentLength()).isEqualTo(-1);
    }

    @Test
    void ambiguousOrHostileHeadsAreRejectedWithTheirStatus() {
        assertRejected("GARBAGE\r\n\r\n", 400);
        assertRejected("GET /\r\n\r\n", 400);
        assertRejected("GET  / HTTP/1.1\r\n\r\n", 400);
        assertRejected("G(T / HTTP/1.1\r\n\r\n", 400);
        assertRejected("GET relative HTTP/1.1\r\n\r\n", 400);
        assertRejected("GET /a\u0000b HTTP/1.1\r\n\r\n", 400);
        assertRejected("GET /\u00e4 HTTP/1.1\r\n\r\n", 400);
        assertRejected("GET / HTTP/2.0\r\n\r\n", 505);
        assertRejected("GET / HTTQ/1.1\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nX-A : 1\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(RequestHead.MAX_HEADERS + 1) + "\r\n", 431);
    }

    @Test
    void nonAsciiHeaderValuesAreKeptAsOpaqueBytes() throws Exception {
        assertThat(parse("GET / HTTP/1.1\r\nX-A: \u00e4\u00ff\r\n\r\n").header("X-A")).isEqualTo("\u00e4\u00ff");
    }

    @Test
    void leadingEmptyLinesAreCounted() {
        byte[] bytes = "\r\n\nGET".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestHead.leadingEmptyLines(bytes, 0, bytes.length)).isEqualTo(3);
    }

    private static int end(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.end(bytes, 0, 0, bytes.length);
    }

    private static SideRequest parse(String head) throws RequestHead.Malformed {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(bytes, 0, RequestHead.end(bytes, 0, 0, bytes.length));
    }

    private static void assertRejected(String head, int status) {
        assertThatThrownBy(() -> parse(head)).as(head).isInstanceOfSatisfying(RequestHead.Malformed.class,
                malformed -> assertThat(malformed.status).as(head).isEqualTo(status));
    }
}
