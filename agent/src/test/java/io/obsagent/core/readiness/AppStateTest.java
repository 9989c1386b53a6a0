package io.obsagent.core.readiness;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AppStateTest {

    @Test
    void waitingForTheContainerEndsWhenItStartsOrTimeIsUp() throws Exception {
        AppState state = new AppState();
        long start = System.nanoTime();
        assertThat(state.awaitContainerStart(100)).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(90);
        Thread starter = new Thread(() -> {
            state.containerStarted();
            state.containerStarted();
        });
        starter.start();
        assertThat(state.awaitContainerStart(10_000)).isTrue();
        assertThat(state.hasContainerStarted()).isTrue();
    }

    @Test
    void boundAddressesAreNewestFirstAndBounded() {
        AppState state = new AppState();
        for (int port = 1; port <= AppState.MAX_ADDRESSES + 2; port++) {
            state.socketBound(new InetSocketAddress(port));
        }
        state.socketBound(new InetSocketAddress(5));
        assertThat(state.boundAddresses()).hasSize(AppState.MAX_ADDRESSES);
        assertThat(state.boundAddresses().get(0).getPort()).isEqualTo(5);
        assertThat(state.boundAddresses()).extracting(InetSocketAddress::getPort).doesNotContain(1, 2);
    }
}
