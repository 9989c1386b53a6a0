package io.obsagent.server;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ServerAuth;
import io.obsagent.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ServerAuthGuardTest {

    @Test
    void withoutConfiguredCredentialsEverythingIsAdmitted() {
        ServerAuthGuard guard = new ServerAuthGuard(ServerAuth.NONE);
        assertThat(guard.admits(null)).isTrue();
        assertThat(new ServerAuthGuard(null).admits("Basic junk")).isTrue();
    }

    @Test
    void basicAdmitsExactlyTheConfiguredUserAndPassword() {
        ServerAuthGuard guard = new ServerAuthGuard(auth("basic:prom:s3cr:et"));
        assertThat(guard.admits(null)).as("no credentials, no entry").isFalse();
        assertThat(guard.admits(basic("prom:s3cr:et"))).isTrue();
        assertThat(guard.admits("basic " + Base64.getEncoder().encodeToString("prom:s3cr:et".getBytes()))).isTrue();
        assertThat(guard.admits(basic("prom:s3cr:eT"))).isFalse();
        assertThat(guard.admits(basic("Prom:s3cr:et"))).isFalse();
        assertThat(guard.admits(basic("prom:s3cr:et "))).isFalse();
        assertThat(guard.admits(basic("prom:"))).isFalse();
        assertThat(guard.admits("Basic !!!not-base64")).isFalse();
        assertThat(guard.admits("Bearer s3cr:et")).isFalse();
        assertThat(guard.admits("")).isFalse();
        assertThat(guard.admits(null)).isFalse();
        assertThat(guard.challenge()).isEqualTo("Basic realm=\"obs-agent\", charset=\"UTF-8\"");
    }

    @Test
    void basicComparesUtf8Bytes() {
        ServerAuthGuard guard = new ServerAuthGuard(auth("basic:jürgen:pässwort"));
        assertThat(guard.admits(basic("jürgen:pässwort"))).isTrue();
        assertThat(guard.admits("Basic " + Base64.getEncoder().encodeToString(
                "jürgen:pässwort".getBytes(StandardCharsets.ISO_8859_1)))).isFalse();
    }

    @Test
    void bearerAdmitsExactlyTheConfiguredToken() {
        ServerAuthGuard guard = new ServerAuthGuard(auth("bearer:t0ken-123"));
        assertThat(guard.admits("Bearer t0ken-123")).isTrue();
        assertThat(guard.admits("bearer t0ken-123")).isTrue();
        assertThat(guard.admits("Bearer t0ken-12")).isFalse();
        assertThat(guard.admits("Bearer t0ken-1234")).isFalse();
        assertThat(guard.admits("t0ken-123")).isFalse();
        assertThat(guard.admits(basic("x:t0ken-123"))).isFalse();
        assertThat(guard.challenge()).isEqualTo("Bearer realm=\"obs-agent\"");
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static ServerAuth auth(String text) {
        Properties props = new Properties();
        props.setProperty("obs.server.auth", text);
        return ConfigLoader.load(null, props, Collections.emptyMap()).get(Settings.SERVER_AUTH);
    }
}
