package io.obsagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Small HTTP/1.1 client calls for tests. Failures to connect or read are {@link UncheckedIOException}s.
 * For requests {@link HttpClient} refuses to send (CR/LF or non-ASCII in headers, restricted headers) use {@link RawHttp}.
 */
public final class Http {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    /** @param headers alternating header names and values */
    public static HttpResult get(URI uri, String... headers) {
        return send("GET", uri, null, headers);
    }

    public static HttpResult get(URI uri, Duration timeout) {
        return send(request(uri, timeout).GET().build());
    }

    public static HttpResult postJson(URI uri, String json) {
        return send("POST", uri, json, "Content-Type", "application/json");
    }

    public static HttpResult delete(URI uri) {
        return send("DELETE", uri, null);
    }

    /**
     * @param body    request body, or null for none
     * @param headers alternating header names and values
     */
    public static HttpResult send(String method, URI uri, String body, String... headers) {
        HttpRequest.Builder request = request(uri, REQUEST_TIMEOUT).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    private static HttpResult send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted: " + request.method() + " " + request.uri(), e));
        }
    }
}
