package io.obsagent.core.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A configured {@code NAME=http(s)://host:port/path} check: ok on a 2xx answer to GET, redirects not
 * followed. Credentials in the URL ({@code http://user:password@host/}) are sent as basic authentication.
 */
public final class HttpCheck implements ReadyCheck {

    private static final int MAX_BODY_READ = 64 * 1024;

    private final String name;
    private final URI target;

    public HttpCheck(String name, URI target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Goes direct, never through the JVM's proxy settings: readiness asks whether this pod reaches the
     * dependency, and a proxy would answer for it.
     */
    @Override
    public CheckResult run(int timeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.max(1, timeoutMillis));
            connection.setReadTimeout(Math.max(1, timeoutMillis));
            connection.setRequestProperty("User-Agent", "obs-agent-readiness");
            if (target.getUserInfo() != null) {
                connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(target.getUserInfo().getBytes(StandardCharsets.UTF_8)));
            }
            int status = connection.getResponseCode();
            discardBody(connection, status);
            if (status >= 200 && status < 300) {
                return CheckResult.ok();
            }
            return CheckResult.failed("HTTP " + status);
        } finally {
            connection.disconnect();
        }
    }

    private static void discardBody(HttpURLConnection connection, int status) {
        try {
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            if (body == null) {
                return;
            }
            try {
                byte[] buffer = new byte[4096];
                int total = 0;
                int n;
                while (total < MAX_BODY_READ && (n = body.read(buffer)) > 0) {
                    total += n;
                }
            } finally {
                body.close();
            }
        } catch (IOException ignored) {
            // The status is the answer; a body that breaks off does not change it.
        }
    }
}
