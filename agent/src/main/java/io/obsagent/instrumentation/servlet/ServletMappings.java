package io.obsagent.instrumentation.servlet;

import io.obsagent.core.request.MappingPatterns;
import io.obsagent.instrumentation.WeakKeyCache;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The mapping patterns of each servlet context, read once from its servlet registrations (Servlet 3.0 API,
 * through the application's own {@code ServletContext} interface, so any container and namespace works)
 * and kept while the context lives. Used only on Servlet 3.x containers, which cannot report a request's
 * mapping themselves.
 */
public final class ServletMappings {

    private static final ClassValue<Method[]> API = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> contextType) {
            try {
                String name = contextType.getName();
                String namespace = name.substring(0, name.length() - "ServletContext".length());
                Class<?> registration = Class.forName(namespace + "ServletRegistration", false, contextType.getClassLoader());
                return new Method[]{contextType.getMethod("getServletRegistrations"), registration.getMethod("getMappings")};
            } catch (Exception | LinkageError e) {
                return null;
            }
        }
    };

    /** Per servlet API (its ServletContext interface), each context's patterns, kept no longer than the context. */
    private static final ClassValue<WeakKeyCache<Object, MappingPatterns>> BY_CONTEXT =
            new ClassValue<WeakKeyCache<Object, MappingPatterns>>() {
                @Override
                protected WeakKeyCache<Object, MappingPatterns> computeValue(final Class<?> contextType) {
                    return new WeakKeyCache<Object, MappingPatterns>(context -> read(context, contextType));
                }
            };

    /**
     * @param context     the request's {@code ServletContext}
     * @param contextType the {@code ServletContext} interface of the request's servlet API
     */
    public String pattern(Object context, Class<?> contextType, String servletPath) {
        if (context == null || contextType == null) {
            return null;
        }
        return BY_CONTEXT.get(contextType).get(context).match(servletPath);
    }

    /** All mapping patterns of the context's servlets; none when the container will not tell. */
    private static MappingPatterns read(Object context, Class<?> contextType) {
        Method[] api = API.get(contextType);
        if (api == null || !contextType.isInstance(context)) {
            return MappingPatterns.NONE;
        }
        try {
            Map<?, ?> registrations = (Map<?, ?>) api[0].invoke(context);
            if (registrations == null) {
                return MappingPatterns.NONE;
            }
            List<String> patterns = new ArrayList<String>();
            for (Object registration : registrations.values()) {
                Collection<?> mappings = registration == null ? null : (Collection<?>) api[1].invoke(registration);
                if (mappings != null) {
                    for (Object mapping : mappings) {
                        patterns.add(String.valueOf(mapping));
                    }
                }
            }
            return MappingPatterns.of(patterns);
        } catch (Exception e) {
            return MappingPatterns.NONE;
        }
    }
}
