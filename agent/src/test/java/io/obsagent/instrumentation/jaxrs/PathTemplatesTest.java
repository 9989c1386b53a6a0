package io.obsagent.instrumentation.jaxrs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplatesTest {

    @Test
    void classAndMethodPathsAreJoinedWithSingleSlashes() {
        assertThat(PathTemplates.join("/users", "/{id}")).isEqualTo("/users/{id}");
        assertThat(PathTemplates.join("users/", "{id}/")).isEqualTo("/users/{id}");
        assertThat(PathTemplates.join("/orders/{orderId}/lines", null)).isEqualTo("/orders/{orderId}/lines");
        assertThat(PathTemplates.join(null, null)).isEqualTo("/");
        assertThat(PathTemplates.join("/", "/")).isEqualTo("/");
    }

    @Test
    void regularExpressionsInParametersAreDropped() {
        assertThat(PathTemplates.join("/users", "{id: [0-9]+}")).isEqualTo("/users/{id}");
        assertThat(PathTemplates.join("/files", "{path: .*}/{v:\\d{1,3}}")).isEqualTo("/files/{path}/{v}");
    }
}
