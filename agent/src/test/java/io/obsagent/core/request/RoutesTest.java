package io.obsagent.core.request;

import io.obsagent.core.metrics.HttpMethods;
import io.obsagent.core.metrics.LabelLimit;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    private final Routes routes = new Routes(new LabelLimit(500));

    /** A request at the root context with these route facts. */
    private static RequestContext route(String template, String servletPath, String pathInfo, String mapping, String path) {
        return routed("", template, servletPath, pathInfo, mapping, path);
    }

    private static RequestContext routed(String context, String template, String servletPath, String pathInfo,
                                         String mapping, String path) {
        RequestContext request = new RequestContext(null, "id", 0, path, null);
        request.frameworkRoute(template);
        request.servletRoute(context, servletPath, pathInfo, mapping);
        return request;
    }

    @Test
    void springPatternWinsOverEverythingElse() {
        RequestContext request = route("/api/v1/tasks/{id}", "/api/v1/tasks/7", null, "/", "/api/v1/tasks/7");
        assertThat(routes.endpoint(request, 200)).isEqualTo("/api/v1/tasks/{id}");
        assertThat(routes.endpoint(request, 404)).isEqualTo("/api/v1/tasks/{id}");
    }

    @Test
    void frameworkTemplateIsPrefixedByAPrefixServletMapping() {
        assertThat(routes.endpoint(route("/users/{id}", "/api", "/users/7", "/api/*", "/api/users/7"), 200))
                .isEqualTo("/api/users/{id}");
    }

    @Test
    void namingServletMappingsAreUsed() {
        assertThat(routes.endpoint(route(null, "/items", "/7", "/items/*", "/items/7"), 200)).isEqualTo("/items/*");
        assertThat(routes.endpoint(route(null, "/x/a.do", null, "*.do", "/x/a.do"), 200)).isEqualTo("*.do");
        assertThat(routes.endpoint(route(null, "/hello", null, "/hello", "/hello"), 200)).isEqualTo("/hello");
    }

    @Test
    void servlet3PrefixMappingIsDerivedFromServletPathAndPathInfo() {
        assertThat(routes.endpoint(route(null, "/items", "/7", null, "/items/7"), 200)).isEqualTo("/items/*");
    }

    @Test
    void catchAllMappingsNameNothing() {
        assertThat(routes.endpoint(route(null, "/orders/9", null, "/", "/orders/9"), 200)).isEqualTo("/orders/{id}");
        assertThat(routes.endpoint(route(null, "", "/orders/9", "/*", "/orders/9"), 200)).isEqualTo("/orders/{id}");
        assertThat(routes.endpoint(route("/**", "/orders/9", null, "/", "/orders/9"), 200)).isEqualTo("/orders/{id}");
    }

    @Test
    void unmatched404IsNotFoundWhateverThePath() {
        assertThat(routes.endpoint(route(null, "/wp-admin/x.php", null, "/", "/wp-admin/x.php"), 404)).isEqualTo("NOT_FOUND");
        assertThat(routes.endpoint(route("/**", "/nope", null, "/", "/nope"), 404)).isEqualTo("NOT_FOUND");
    }

    @Test
    void randomPathsNeverExceedTheLimit() {
        Routes limited = new Routes(new LabelLimit(50));
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String path = "/scan/" + UUID.randomUUID().toString().substring(0, 8) + "x/page";
            endpoints.add(limited.endpoint(route(null, path, null, "/", path), 200));
        }
        assertThat(endpoints).hasSize(51).contains("OTHER");
    }

    @Test
    void overlongValuesAreOther() {
        String path = "/" + "a".repeat(300);
        assertThat(routes.endpoint(route(null, path, null, "/", path), 200)).isEqualTo("OTHER");
    }

    @Test
    void joinHandlesSlashes() {
        assertThat(RouteNames.join("", "tasks")).isEqualTo("/tasks");
        assertThat(RouteNames.join("/api", "/tasks")).isEqualTo("/api/tasks");
        assertThat(RouteNames.join("/api/", "/tasks")).isEqualTo("/api/tasks");
        assertThat(RouteNames.join("/api", "tasks")).isEqualTo("/api/tasks");
    }

    @Test
    void aWebappsContextPathPrefixesTemplatesAndMappingsSoWebappsNeverShareASeries() {
        assertThat(routes.endpoint(routed("/app1", null, "/items", "/42", "/items/*", "/app1/items/42"), 200))
                .isEqualTo("/app1/items/*");
        assertThat(routes.endpoint(routed("/app3", null, "/items", "/42", "/items/*", "/app3/items/42"), 200))
                .isEqualTo("/app3/items/*");
        assertThat(routes.endpoint(routed("/shop", "/orders/{id}", "/api", "/orders/9", "/api/*", "/shop/api/orders/9"), 200))
                .isEqualTo("/shop/api/orders/{id}");
        assertThat(routes.endpoint(routed("/app1", null, "/x/a.do", null, "*.do", "/app1/x/a.do"), 200))
                .isEqualTo("/app1/*.do");
    }

    @Test
    void theRootContextAndTheRawPathFallbackAreUnchanged() {
        assertThat(routes.endpoint(routed("", null, "/items", "/7", "/items/*", "/items/7"), 200)).isEqualTo("/items/*");
        assertThat(routes.endpoint(routed("/app1", null, "/orders/9", null, "/", "/app1/orders/9"), 200))
                .as("the raw path already holds the context path").isEqualTo("/app1/orders/{id}");
        assertThat(routes.endpoint(routed("/app1", null, "/nope", null, "/", "/app1/nope"), 404)).isEqualTo("NOT_FOUND");
    }

    @Test
    void theSameTemplateUnderTheSameContextIsTheSameInstance() {
        String first = routes.endpoint(routed("/app1", "/t/{id}", "/api", "/t/1", "/api/*", "/app1/api/t/1"), 200);
        String second = routes.endpoint(routed("/app1", "/t/{id}", "/api", "/t/2", "/api/*", "/app1/api/t/2"), 200);
        assertThat(second).isSameAs(first);
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
