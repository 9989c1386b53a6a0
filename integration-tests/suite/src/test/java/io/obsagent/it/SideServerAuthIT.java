package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import org.junit.jupiter.api.Test;

/** {@code server.auth} guards {@code /metrics} and {@code /}; the probes stay open for the kubelet. */
class SideServerAuthIT {

    private static final List<String> GUARDED = List.of("/metrics", "/metrics/metrics", "/");
    private static final List<String> OPEN = List.of("/health/live", "/health/health", "/health/ready");

    @Test
    void basicCredentials() {
        String password = "pa55:w0rd-" + "x".repeat(20);
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.auth=basic:scraper:" + password).start()) {
            app.awaitReady();
            List<String> wrong = new ArrayList<>();
            wrong.add(null);
            wrong.add("");
            wrong.add(basic("scraper", password.substring(0, password.length() - 1)));
            wrong.add(basic("scraper", password + "x"));
            wrong.add(basic("Scraper", password));
            wrong.add(basic("scraper", ""));
            wrong.add("Bearer " + password);
            wrong.add("Basic not-base64!");
            wrong.add(basic("scraper", password).replace("Basic ", "Digest "));
            assertGuarded(app, wrong, basic("scraper", password), "Basic realm=\"obs-agent\", charset=\"UTF-8\"");
            assertThat(String.join("\n", app.lines())).as("the password is never written").doesNotContain(password);
        }
    }

    @Test
    void bearerToken() {
        String token = "tok-" + "7".repeat(40);
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.auth=bearer:" + token).start()) {
            app.awaitReady();
            List<String> wrong = new ArrayList<>();
            wrong.add(null);
            wrong.add("Bearer");
            wrong.add("Bearer " + token.substring(1));
            wrong.add("Bearer " + token + "7");
            wrong.add(token);
            wrong.add(basic("bearer", token));
            assertGuarded(app, wrong, "Bearer " + token, "Bearer realm=\"obs-agent\"");
            assertThat(String.join("\n", app.lines())).as("the token is never written").doesNotContain(token);
        }
    }

    /** Wrong credentials, many times over: always the same 401 that does not say what was wrong. */
    private static void assertGuarded(AppProcess app, List<String> wrong, String right, String challenge) {
        for (int round = 0; round < 5; round++) {
            for (String path : GUARDED) {
                for (String authorization : wrong) {
                    HttpResult denied = authorization == null ? Http.get(app.sideUrl(path))
                            : Http.get(app.sideUrl(path), "Authorization", authorization);
                    assertThat(denied.status()).as(path + " with " + authorization).isEqualTo(401);
                    assertThat(denied.header("Content-Type")).isEqualTo("application/json");
                    assertThat(denied.body()).isEqualTo("{\"error\":\"unauthorized\"}");
                    assertThat(denied.header("WWW-Authenticate")).isEqualTo(challenge);
                }
            }
        }
        for (String path : GUARDED) {
            assertThat(Http.get(app.sideUrl(path), "Authorization", right).status()).as(path).isEqualTo(200);
        }
        assertThat(Http.get(app.sideUrl("/metrics"), "Authorization", right).body()).contains("http_requests_in_flight");
        for (String path : OPEN) {
            assertThat(Http.get(app.sideUrl(path)).status()).as(path).isEqualTo(200);
        }
        assertThat(Http.get(app.sideUrl("/unknown")).status()).isEqualTo(404);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
