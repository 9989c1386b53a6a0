package io.obsagent.instrumentation.servlet;

import io.obsagent.bridge.RequestHandle;
import io.obsagent.bridge.Requests;
import io.obsagent.core.request.RequestTracker;

/**
 * What the servlet request advice reaches through {@link Requests}: the core's {@link RequestTracker}, and the few
 * facts about servlet APIs and frameworks that the generic advice must not hard-code.
 */
public final class ServletRequests implements Requests.Hooks {

    private static final ClassValue<Boolean> HAS_SERVLET_MAPPING = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> requestInterface) {
            try {
                requestInterface.getMethod("getHttpServletMapping");
                return Boolean.TRUE;
            } catch (NoSuchMethodException e) {
                return Boolean.FALSE;
            }
        }
    };

    private final String idHeader;
    private final RequestTracker tracker;
    private final String[] routeAttributes;
    private final String[] errorAttributes;
    private final ServletMappings servletMappings = new ServletMappings();

    /**
     * @param routeAttributes request attributes in which frameworks leave the route template, first wins
     * @param errorAttributes request attributes in which frameworks leave the request's error
     */
    public ServletRequests(String idHeader, RequestTracker tracker, String[] routeAttributes, String[] errorAttributes) {
        this.idHeader = idHeader;
        this.tracker = tracker;
        this.routeAttributes = routeAttributes.clone();
        this.errorAttributes = errorAttributes.clone();
    }

    @Override
    public String idHeader() {
        return idHeader;
    }

    @Override
    public RequestHandle start(String method, String uri, String incomingId, String traceParent) {
        return tracker.start(method, uri, incomingId, traceParent);
    }

    /** Handed out as is, because the advice only reads it; the arrays are this object's own copies. */
    @Override
    public String[] routeAttributes() {
        return routeAttributes;
    }

    @Override
    public String[] errorAttributes() {
        return errorAttributes;
    }

    @Override
    public void routeTemplate(String template) {
        tracker.routeTemplate(template);
    }

    @Override
    public boolean hasServletMapping(Class<?> requestInterface) {
        return HAS_SERVLET_MAPPING.get(requestInterface);
    }

    @Override
    public String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath) {
        return servletMappings.pattern(servletContext, servletContextType, servletPath);
    }
}
