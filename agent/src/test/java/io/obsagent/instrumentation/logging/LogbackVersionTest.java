package io.obsagent.instrumentation.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogbackVersionTest {

    @Test
    void versionsFromOnePointFiveOnAreNewEnough() {
        assertThat(LogbackVersion.atLeast("1.5.20", 1, 5)).isTrue();
        assertThat(LogbackVersion.atLeast("1.5.0", 1, 5)).isTrue();
        assertThat(LogbackVersion.atLeast("1.6.1", 1, 5)).isTrue();
        assertThat(LogbackVersion.atLeast("2.0.0-SNAPSHOT", 1, 5)).isTrue();
        assertThat(LogbackVersion.atLeast("1.4.14", 1, 5)).isFalse();
        assertThat(LogbackVersion.atLeast("1.2.13", 1, 5)).isFalse();
        assertThat(LogbackVersion.atLeast("weird", 1, 5)).isTrue();
    }

    @Test
    void theVersionIsReadFromLogbackCoresMavenMetadata() {
        assertThat(LogbackVersion.of(getClass().getClassLoader())).startsWith("1.5.");
        assertThat(LogbackVersion.of(new ClassLoader(null) {
        })).isNull();
    }
}
