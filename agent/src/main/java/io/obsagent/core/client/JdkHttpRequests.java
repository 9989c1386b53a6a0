package io.obsagent.core.client;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * {@code java.net.http} through its public API, by reflection: the agent compiles for Java 8, which has no such
 * module. A request is immutable, so one with more headers is a copy ({@code HttpRequest.newBuilder(request,
 * filter)}, Java 16+; on 11 to 15 nothing is added).
 */
final class JdkHttpRequests {

    private static final BiPredicate<String, String> ALL_HEADERS = (name, value) -> true;

    private final Method uri;
    private final Method method;
    private final Method headers;
    private final Method firstValue;
    private final Method copy;
    private final Method header;
    private final Method build;
    private final Method statusCode;

    /** @param jdk a loader that sees the JDK's platform modules ({@code java.net.http} is not the boot loader's) */
    private JdkHttpRequests(ClassLoader jdk) throws ReflectiveOperationException {
        Class<?> request = Class.forName("java.net.http.HttpRequest", false, jdk);
        Class<?> builder = Class.forName("java.net.http.HttpRequest$Builder", false, jdk);
        uri = request.getMethod("uri");
        method = request.getMethod("method");
        headers = request.getMethod("headers");
        firstValue = Class.forName("java.net.http.HttpHeaders", false, jdk).getMethod("firstValue", String.class);
        copy = request.getMethod("newBuilder", request, BiPredicate.class);
        header = builder.getMethod("header", String.class, String.class);
        build = builder.getMethod("build");
        statusCode = Class.forName("java.net.http.HttpResponse", false, jdk).getMethod("statusCode");
    }

    /** The reflective view, or {@code null} on a JDK without {@code java.net.http} or without the copy builder. */
    static JdkHttpRequests find() {
        try {
            return new JdkHttpRequests(ClassLoader.getSystemClassLoader());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    URI uri(Object request) throws ReflectiveOperationException {
        return (URI) uri.invoke(request);
    }

    String method(Object request) throws ReflectiveOperationException {
        return (String) method.invoke(request);
    }

    boolean hasHeader(Object request, String name) throws ReflectiveOperationException {
        return ((Optional<?>) firstValue.invoke(headers.invoke(request), name)).isPresent();
    }

    /** {@code request} with the pairs of {@code add} whose names it lacks. */
    Object withHeaders(Object request, String[] add) throws ReflectiveOperationException {
        Object builder = null;
        for (int i = 0; i < add.length; i += 2) {
            if (!hasHeader(request, add[i])) {
                if (builder == null) {
                    builder = copy.invoke(null, request, ALL_HEADERS);
                }
                header.invoke(builder, add[i], add[i + 1]);
            }
        }
        return builder == null ? request : build.invoke(builder);
    }

    int statusCode(Object response) throws ReflectiveOperationException {
        return (Integer) statusCode.invoke(response);
    }
}
