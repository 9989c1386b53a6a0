package io.obsagent.instrumentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentPackagesTest {

    @Test
    void theAgentsOwnClassesAreIncluded() {
        assertThat(AgentPackages.contains("io/obsagent/Agent")).isTrue();
        assertThat(AgentPackages.contains("io/obsagent/bridge/Requests")).isTrue();
        assertThat(AgentPackages.contains("io/obsagent/core/request/Routes")).isTrue();
        assertThat(AgentPackages.contains("io/obsagent/instrumentation/servlet/javax/ServletDispatchAdvice")).isTrue();
        assertThat(AgentPackages.contains("io/obsagent/server/SideServer")).isTrue();
        assertThat(AgentPackages.contains("io/obsagent/shaded/bytebuddy/ByteBuddy")).isTrue();
    }

    @Test
    void otherCodeInTheNamespaceIsNotTheAgents() {
        assertThat(AgentPackages.contains("io/obsagent/testapp/javax/SecuredFilter")).isFalse();
        assertThat(AgentPackages.contains("io/obsagent/testapp/jersey/UsersResource")).isFalse();
        assertThat(AgentPackages.contains("io/obsagentx/Filter")).isFalse();
        assertThat(AgentPackages.contains("com/example/tasks/TaskController")).isFalse();
    }
}
