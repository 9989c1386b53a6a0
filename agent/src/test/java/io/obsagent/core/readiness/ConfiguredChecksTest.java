package io.obsagent.core.readiness;

import com.sun.net.httpserver.HttpServer;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ReadyCheckSpec;
import io.obsagent.core.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredChecksTest {

    private HttpServer dependency;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startDependency() throws IOException {
        dependency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dependency.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            int status = path.equals("/ok") ? 204 : path.equals("/moved") ? 302 : 503;
            if (status == 302) {
                exchange.getResponseHeaders().set("Location", "/ok");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        dependency.start();
    }

    @AfterEach
    void stopDependency() {
        dependency.stop(0);
    }

    @Test
    void tcpAndHttpSpecsBecomeNamedChecksInOrder() {
        List<ReadyCheck> checks = ConfiguredChecks.from(specs("cache=tcp://localhost:6379,search=http://localhost:9200/_health"));
        assertThat(checks).extracting(ReadyCheck::name).containsExactly("cache", "search");
        assertThat(checks.get(0)).isInstanceOf(TcpCheck.class);
        assertThat(checks.get(1)).isInstanceOf(HttpCheck.class);
        assertThat(ConfiguredChecks.from(null)).isEmpty();
    }

    @Test
    void tcpIsOkWhenThePortAcceptsAndFailsWhenRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            assertThat(new TcpCheck("cache", "127.0.0.1", port).run(500).isOk()).isTrue();
        }
        assertThatThrownBy(() -> new TcpCheck("cache", "127.0.0.1", port).run(500)).hasMessageContaining("refused");
        assertThatThrownBy(() -> new TcpCheck("cache", "no-such-host.invalid", port).run(500))
                .hasMessage("unknown host no-such-host.invalid");
    }

    @Test
    void httpIsOkOnlyOn2xxAndDoesNotFollowRedirects() throws Exception {
        assertThat(http("/ok").run(1000).isOk()).isTrue();
        CheckResult moved = http("/moved").run(1000);
        assertThat(moved.isOk()).isFalse();
        assertThat(moved.message()).isEqualTo("HTTP 302");
        assertThat(http("/down").run(1000).message()).isEqualTo("HTTP 503");
    }

    @Test
    void httpSendsCredentialsFromTheUrl() throws Exception {
        int port = dependency.getAddress().getPort();
        new HttpCheck("search", java.net.URI.create("http://probe:s3cret@127.0.0.1:" + port + "/ok")).run(1000);
        assertThat(authorization.get()).isEqualTo("Basic cHJvYmU6czNjcmV0");
    }

    private HttpCheck http(String path) {
        return new HttpCheck("search", java.net.URI.create("http://127.0.0.1:" + dependency.getAddress().getPort() + path));
    }

    private static List<ReadyCheckSpec> specs(String text) {
        return ConfigLoader.load("ready.checks=" + text, new Properties(), Collections.emptyMap()).get(Settings.READY_CHECKS);
    }
}
