package io.obsagent.core.readiness;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class AppCheckTest {

    private final AppState state = new AppState();

    @Test
    void startingUntilTheContainerHasStarted() throws Exception {
        try (ServerSocket app = listening()) {
            state.socketBound((InetSocketAddress) app.getLocalSocketAddress());
            CheckResult result = new AppCheck(state, 0).run(500);
            assertThat(result.state()).isEqualTo(CheckResult.State.STARTING);
            assertThat(result.message()).isEqualTo("the servlet container has not started");
        }
    }

    @Test
    void startingUntilAPortIsBound() {
        state.containerStarted();
        CheckResult result = new AppCheck(state, 0).run(500);
        assertThat(result.state()).isEqualTo(CheckResult.State.STARTING);
        assertThat(result.message()).isEqualTo("no listening port yet");
    }

    @Test
    void okWhenTheContainerStartedAndItsPortAcceptsConnections() throws Exception {
        state.containerStarted();
        try (ServerSocket app = listening()) {
            state.socketBound((InetSocketAddress) app.getLocalSocketAddress());
            assertThat(new AppCheck(state, 0).run(500).isOk()).isTrue();
        }
    }

    @Test
    void aWildcardBindIsReachedThroughLoopback() throws Exception {
        state.containerStarted();
        try (ServerSocket app = new ServerSocket(0)) {
            state.socketBound(new InetSocketAddress(app.getLocalPort()));
            assertThat(((InetSocketAddress) state.boundAddresses().get(0)).getAddress().isAnyLocalAddress()).isTrue();
            assertThat(new AppCheck(state, 0).run(500).isOk()).isTrue();
        }
    }

    @Test
    void theSideServersOwnPortDoesNotCount() throws Exception {
        state.containerStarted();
        try (ServerSocket side = listening()) {
            state.socketBound((InetSocketAddress) side.getLocalSocketAddress());
            CheckResult result = new AppCheck(state, side.getLocalPort()).run(500);
            assertThat(result.state()).isEqualTo(CheckResult.State.STARTING);
        }
    }

    @Test
    void aPortThatStopsAcceptingAfterReadinessIsAFailureNotStarting() throws Exception {
        state.containerStarted();
        AppCheck check = new AppCheck(state, 0);
        int port;
        try (ServerSocket app = listening()) {
            port = app.getLocalPort();
            state.socketBound((InetSocketAddress) app.getLocalSocketAddress());
            assertThat(check.run(500).isOk()).isTrue();
        }
        CheckResult after = check.run(500);
        assertThat(after.state()).isEqualTo(CheckResult.State.FAILED);
        assertThat(after.message()).startsWith("port " + port + ": ").containsIgnoringCase("refused");
    }

    @Test
    void wildcardTargetsTryIpv4LoopbackFirst() throws Exception {
        assertThat(AppCheck.connectTargets(InetAddress.getByName("0.0.0.0")))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(AppCheck.connectTargets(InetAddress.getByName("::")))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(AppCheck.connectTargets(InetAddress.getByName("127.0.0.2")))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.2");
    }

    @Test
    void notReadyWhileAConnectorFailedToBindAlthoughAnotherAccepts() throws Exception {
        state.containerStarted();
        try (ServerSocket other = listening()) {
            state.socketBound((InetSocketAddress) other.getLocalSocketAddress());
            state.bindFailed(new InetSocketAddress(8080));
            CheckResult result = new AppCheck(state, 0).run(500);
            assertThat(result.state()).isEqualTo(CheckResult.State.STARTING);
            assertThat(result.message()).contains("could not bind port 8080");

            state.socketBound(new InetSocketAddress(8080));
            assertThat(state.failedBinds()).isEmpty();
        }
    }

    private static ServerSocket listening() throws Exception {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }
}
