package io.obsagent.core.response;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    @Test
    void defaultsForPlainHttpLeaveOutHstsAndCsp() {
        SecurityHeaders headers = new SecurityHeaders(Collections.emptyMap(), false);
        assertThat(headers.forRequest(false, null)).containsExactly("X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");
    }

    @Test
    void hstsOnlyOverHttps() {
        SecurityHeaders headers = new SecurityHeaders(Collections.emptyMap(), false);
        assertThat(headers.forRequest(true, null)).contains("Strict-Transport-Security", "max-age=31536000");
        assertThat(headers.forRequest(false, "https")).doesNotContain("Strict-Transport-Security");
    }

    @Test
    void forwardedProtoCountsOnlyWhenTrusted() {
        SecurityHeaders trusting = new SecurityHeaders(Collections.emptyMap(), true);
        assertThat(trusting.forRequest(false, "HTTPS")).contains("Strict-Transport-Security");
        assertThat(trusting.forRequest(false, "http")).doesNotContain("Strict-Transport-Security");
    }

    @Test
    void cspOnlyForJson() {
        SecurityHeaders headers = new SecurityHeaders(Collections.emptyMap(), false);
        assertThat(headers.contentSecurityPolicyFor("application/json")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(headers.contentSecurityPolicyFor("application/json;charset=UTF-8")).isNotNull();
        assertThat(headers.contentSecurityPolicyFor("application/problem+json")).isNotNull();
        assertThat(headers.contentSecurityPolicyFor("text/html")).isNull();
        assertThat(headers.contentSecurityPolicyFor(null)).isNull();
    }

    @Test
    void headersCanBeOverriddenOrDropped() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("x-frame-options", "SAMEORIGIN");
        overrides.put("referrer-policy", "off");
        overrides.put("content-security-policy", "OFF");
        overrides.put("enabled", "true");
        SecurityHeaders headers = new SecurityHeaders(overrides, false);
        assertThat(headers.forRequest(false, null)).containsExactly("X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "SAMEORIGIN");
        assertThat(headers.contentSecurityPolicyFor("application/json")).isNull();
    }

    @Test
    void theSameArrayServesEveryRequestOfAKind() {
        SecurityHeaders headers = new SecurityHeaders(Collections.emptyMap(), false);
        assertThat(headers.forRequest(false, null)).isSameAs(headers.forRequest(false, null));
    }

    @Test
    void agentValuesAreRecognised() {
        SecurityHeaders headers = new SecurityHeaders(Collections.emptyMap(), false);
        assertThat(headers.isAgentValue("x-frame-options", "DENY")).isTrue();
        assertThat(headers.isAgentValue("X-Frame-Options", "SAMEORIGIN")).isFalse();
    }

    @Test
    void errorBodyIsExactlyTheSpecShape() {
        assertThat(new String(ErrorBody.forRequest("abc-1"), StandardCharsets.UTF_8)).isEqualTo(
                "{\"error\":\"internal_server_error\",\"message\":\"An unexpected error occurred\",\"request_id\":\"abc-1\"}");
    }
}
