package io.obsagent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStartGateTest {

    @Test
    void onlyJbossModulesOnJava8Waits() {
        assertThat(ServerStartGate.mustWaitForContainer("1.8", "org.jboss.modules.Main -mp /opt/wildfly/modules org.jboss.as.standalone")).isTrue();
        assertThat(ServerStartGate.mustWaitForContainer("1.8", "/opt/wildfly/jboss-modules.jar -mp modules org.jboss.as.standalone")).isTrue();
        assertThat(ServerStartGate.mustWaitForContainer("17", "org.jboss.modules.Main -mp modules")).isFalse();
        assertThat(ServerStartGate.mustWaitForContainer("1.8", "app.jar")).isFalse();
        assertThat(ServerStartGate.mustWaitForContainer("1.8", null)).isFalse();
        assertThat(ServerStartGate.mustWaitForContainer(null, "org.jboss.modules.Main")).isFalse();
    }
}
