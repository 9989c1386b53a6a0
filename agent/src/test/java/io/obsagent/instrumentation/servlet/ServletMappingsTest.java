package io.obsagent.instrumentation.servlet;

import org.junit.jupiter.api.Test;

import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServletMappingsTest {

    private final ServletMappings mappings = new ServletMappings();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsThePatternsOfTheContextsServletRegistrationsOnce() {
        ServletContext context = context(Map.of("hello", List.of("/hello"), "action", List.of("*.do"),
                "default", List.of("/")));

        assertThat(mappings.pattern(context, ServletContext.class, "/hello")).isEqualTo("/hello");
        assertThat(mappings.pattern(context, ServletContext.class, "/x/anything.do")).isEqualTo("*.do");
        assertThat(mappings.pattern(context, ServletContext.class, "/no/such/path")).isNull();
        assertThat(reads).hasValue(1);
    }

    @Test
    void eachContextHasItsOwnPatterns() {
        ServletContext first = context(Map.of("a", List.of("/a")));
        ServletContext second = context(Map.of("b", List.of("/b")));

        assertThat(mappings.pattern(first, ServletContext.class, "/a")).isEqualTo("/a");
        assertThat(mappings.pattern(second, ServletContext.class, "/a")).isNull();
        assertThat(mappings.pattern(second, ServletContext.class, "/b")).isEqualTo("/b");
        assertThat(mappings.pattern(first, ServletContext.class, "/b")).isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aContextThatWillNotTellHasNoPatterns() {
        ServletContext refusing = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getServletRegistrations")) {
                        reads.incrementAndGet();
                        throw new UnsupportedOperationException();
                    }
                    return objectMethod(proxy, method.getName(), args);
                });

        assertThat(mappings.pattern(refusing, ServletContext.class, "/hello")).isNull();
        assertThat(mappings.pattern(refusing, ServletContext.class, "/hello")).isNull();
        assertThat(reads).hasValue(1);
        assertThat(mappings.pattern(null, ServletContext.class, "/hello")).isNull();
    }

    private ServletContext context(Map<String, List<String>> mappingsByServlet) {
        Map<String, ServletRegistration> registrations = new LinkedHashMap<>();
        mappingsByServlet.forEach((name, patterns) -> registrations.put(name, registration(patterns)));
        return (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getServletRegistrations")) {
                        reads.incrementAndGet();
                        return registrations;
                    }
                    return objectMethod(proxy, method.getName(), args);
                });
    }

    private static ServletRegistration registration(List<String> patterns) {
        return (ServletRegistration) Proxy.newProxyInstance(ServletMappingsTest.class.getClassLoader(),
                new Class<?>[]{ServletRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMappings")) {
                        return Arrays.asList(patterns.toArray(new String[0]));
                    }
                    return objectMethod(proxy, method.getName(), args);
                });
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        switch (name) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return null;
        }
    }
}
