package io.obsagent.it;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.SelfSignedTls;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code security_headers.enabled} (issue 9): added once, never over the application's own, HSTS only over HTTPS. */
class SecurityHeadersIT {

    private static final List<String> ALWAYS = List.of("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy");

    @Test
    void jsonResponsesOfTheSampleGetEveryHeaderExactlyOnce() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("security_headers.enabled=true").start()) {
            app.awaitReady();
            HttpResult tasks = Http.get(app.appUrl("/api/v1/tasks"));
            assertThat(tasks.headerValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(tasks.headerValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(tasks.headerValues("Referrer-Policy")).containsExactly("no-referrer");
            assertThat(tasks.headerValues("Content-Security-Policy")).containsExactly("default-src 'none'; frame-ancestors 'none'");
            assertThat(tasks.headerValues("Strict-Transport-Security")).isEmpty();

            HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"headers\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.headerValues("X-Frame-Options")).containsExactly("DENY");
        }
    }

    @Test
    void applicationValuesWinAndNonJsonGetsNoContentSecurityPolicy() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9()).withAgent("security_headers.enabled=true").start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            HttpResult frame = Http.get(app.appUrl("/frame"));
            assertThat(frame.headerValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
            assertThat(frame.headerValues("X-Content-Type-Options")).containsExactly("nosniff");

            HttpResult text = Http.get(app.appUrl("/hello"));
            assertThat(text.header("Content-Type")).startsWith("text/plain");
            assertThat(text.headerValues("Content-Security-Policy")).isEmpty();
            ALWAYS.forEach(name -> assertThat(text.headerValues(name)).as(name).hasSize(1));
        }
    }

    @Test
    void headersCanBeOverriddenOrSwitchedOff() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9())
                .withAgent("security_headers.enabled=true,security_headers.x-frame-options=SAMEORIGIN,security_headers.referrer-policy=off")
                .start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            HttpResult hello = Http.get(app.appUrl("/hello"));
            assertThat(hello.headerValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
            assertThat(hello.headerValues("Referrer-Policy")).isEmpty();
            assertThat(hello.headerValues("X-Content-Type-Options")).containsExactly("nosniff");
        }
    }

    @Test
    void offByDefault() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9()).withAgent().start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            HttpResult hello = Http.get(app.appUrl("/hello"));
            ALWAYS.forEach(name -> assertThat(hello.headerValues(name)).as(name).isEmpty());
            assertThat(hello.header("X-Request-ID")).isNotBlank();
        }
    }

    @Test
    void strictTransportSecurityOnlyOverHttps() {
        SelfSignedTls tls = SelfSignedTls.create();
        int tlsPort = AppProcessBuilder.freePort();
        try (AppProcess app = AppProcess.builder(Apps.tomcat9())
                .withAgent("security_headers.enabled=true")
                .env("TLS_PORT", String.valueOf(tlsPort))
                .env("TLS_KEYSTORE", tls.keystore().toString())
                .env("TLS_KEYSTORE_PASSWORD", SelfSignedTls.PASSWORD)
                .start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            HttpResult secure = tls.get(URI.create("https://localhost:" + tlsPort + "/hello"));
            assertThat(secure.status()).isEqualTo(200);
            assertThat(secure.headerValues("Strict-Transport-Security")).containsExactly("max-age=31536000");

            HttpResult plain = Http.get(app.appUrl("/hello"));
            assertThat(plain.headerValues("Strict-Transport-Security")).isEmpty();
            HttpResult untrustedForward = Http.get(app.appUrl("/hello"), "X-Forwarded-Proto", "https");
            assertThat(untrustedForward.headerValues("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void forwardedHttpsCountsWhenTheProxyIsTrusted() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9())
                .withAgent("security_headers.enabled=true,security_headers.trust_forwarded=true").start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            assertThat(Http.get(app.appUrl("/hello"), "X-Forwarded-Proto", "https").headerValues("Strict-Transport-Security"))
                    .containsExactly("max-age=31536000");
            assertThat(Http.get(app.appUrl("/hello")).headerValues("Strict-Transport-Security")).isEmpty();
        }
    }
}
