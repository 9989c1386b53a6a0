package io.obsagent.core.request;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    private final Routes routes = new Routes(new RouteLimiter(500));

    @Test
    void springPatternWinsOverEverythingElse() {
        RouteInfo route = new RouteInfo("/api/v1/tasks/{id}", "/api/v1/tasks/7", null, "/");
        assertThat(routes.endpoint(route, "/api/v1/tasks/7", 200)).isEqualTo("/api/v1/tasks/{id}");
        assertThat(routes.endpoint(route, "/api/v1/tasks/7", 404)).isEqualTo("/api/v1/tasks/{id}");
    }

    @Test
    void frameworkTemplateIsPrefixedByAPrefixServletMapping() {
        RouteInfo route = new RouteInfo("/users/{id}", "/api", "/users/7", "/api/*");
        assertThat(routes.endpoint(route, "/api/users/7", 200)).isEqualTo("/api/users/{id}");
    }

    @Test
    void namingServletMappingsAreUsed() {
        assertThat(routes.endpoint(new RouteInfo(null, "/items", "/7", "/items/*"), "/items/7", 200)).isEqualTo("/items/*");
        assertThat(routes.endpoint(new RouteInfo(null, "/x/a.do", null, "*.do"), "/x/a.do", 200)).isEqualTo("*.do");
        assertThat(routes.endpoint(new RouteInfo(null, "/hello", null, "/hello"), "/hello", 200)).isEqualTo("/hello");
    }

    @Test
    void servlet3PrefixMappingIsDerivedFromServletPathAndPathInfo() {
        assertThat(routes.endpoint(new RouteInfo(null, "/items", "/7", null), "/items/7", 200)).isEqualTo("/items/*");
    }

    @Test
    void catchAllMappingsNameNothing() {
        assertThat(routes.endpoint(new RouteInfo(null, "/orders/9", null, "/"), "/orders/9", 200)).isEqualTo("/orders/{id}");
        assertThat(routes.endpoint(new RouteInfo(null, "", "/orders/9", "/*"), "/orders/9", 200)).isEqualTo("/orders/{id}");
        assertThat(routes.endpoint(new RouteInfo("/**", "/orders/9", null, "/"), "/orders/9", 200)).isEqualTo("/orders/{id}");
    }

    @Test
    void unmatched404IsNotFoundWhateverThePath() {
        assertThat(routes.endpoint(new RouteInfo(null, "/wp-admin/x.php", null, "/"), "/wp-admin/x.php", 404)).isEqualTo("NOT_FOUND");
        assertThat(routes.endpoint(new RouteInfo("/**", "/nope", null, "/"), "/nope", 404)).isEqualTo("NOT_FOUND");
    }

    @Test
    void randomPathsNeverExceedTheLimit() {
        Routes limited = new Routes(new RouteLimiter(50));
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String path = "/scan/" + UUID.randomUUID().toString().substring(0, 8) + "x/page";
            endpoints.add(limited.endpoint(new RouteInfo(null, path, null, "/"), path, 200));
        }
        assertThat(endpoints).hasSize(51).contains("OTHER");
    }

    @Test
    void overlongValuesAreOther() {
        String path = "/" + "a".repeat(300);
        assertThat(routes.endpoint(new RouteInfo(null, path, null, "/"), path, 200)).isEqualTo("OTHER");
    }

    @Test
    void joinHandlesSlashes() {
        assertThat(Routes.join("", "tasks")).isEqualTo("/tasks");
        assertThat(Routes.join("/api", "/tasks")).isEqualTo("/api/tasks");
        assertThat(Routes.join("/api/", "/tasks")).isEqualTo("/api/tasks");
        assertThat(Routes.join("/api", "tasks")).isEqualTo("/api/tasks");
    }

    @Test
    void methodsOutsideTheStandardSetAreOther() {
        assertThat(HttpMethods.label(HttpMethods.index("GET"))).isEqualTo("GET");
        assertThat(HttpMethods.label(HttpMethods.index("PATCH"))).isEqualTo("PATCH");
        assertThat(HttpMethods.label(HttpMethods.index("get"))).isEqualTo("_OTHER");
        assertThat(HttpMethods.label(HttpMethods.index("X".repeat(1000)))).isEqualTo("_OTHER");
        assertThat(HttpMethods.label(HttpMethods.index(null))).isEqualTo("_OTHER");
    }
}
