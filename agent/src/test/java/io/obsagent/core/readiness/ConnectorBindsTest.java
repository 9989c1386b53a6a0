package io.obsagent.core.readiness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorBindsTest {

    @Test
    void aContainerConnectorIsOne() {
        assertThat(ConnectorBinds.isConnector(stack("org.apache.tomcat.util.net.NioEndpoint", "org.apache.catalina.connector.Connector"))).isTrue();
    }

    @Test
    void wildflyManagementAndTheSideServerAreNot() {
        assertThat(ConnectorBinds.isConnector(stack("io.undertow.Undertow", "org.jboss.as.domain.http.server.ManagementHttpServer"))).isFalse();
        assertThat(ConnectorBinds.isConnector(stack("io.obsagent.server.SideServer"))).isFalse();
    }

    private static StackTraceElement[] stack(String... classes) {
        StackTraceElement[] stack = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            stack[i] = new StackTraceElement(classes[i], "m", null, -1);
        }
        return stack;
    }
}
