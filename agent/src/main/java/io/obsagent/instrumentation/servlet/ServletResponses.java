package io.obsagent.instrumentation.servlet;

import io.obsagent.bridge.RequestHandle;
import io.obsagent.bridge.Responses;
import io.obsagent.core.response.ErrorBody;
import io.obsagent.core.response.SecurityHeaders;
import io.obsagent.instrumentation.undertow.UndertowCurrentRequest;

import java.lang.reflect.Method;

/** What the response advice reaches through {@link Responses}: security headers, the JSON error body, error pages. */
public final class ServletResponses implements Responses.Hooks {

    private final String idHeader;
    private final SecurityHeaders securityHeaders;
    private final boolean errorsJson;

    /** @param securityHeaders {@code null} when {@code security_headers.enabled} is off */
    public ServletResponses(String idHeader, SecurityHeaders securityHeaders, boolean errorsJson) {
        this.idHeader = idHeader;
        this.securityHeaders = securityHeaders;
        this.errorsJson = errorsJson;
    }

    @Override
    public String[] securityHeaders(boolean secure, String forwardedProto) {
        return securityHeaders == null ? null : securityHeaders.forRequest(secure, forwardedProto);
    }

    @Override
    public String contentSecurityPolicy(String contentType) {
        return securityHeaders == null ? null : securityHeaders.contentSecurityPolicyFor(contentType);
    }

    @Override
    public String applicationHeaderValue(String name, Iterable<String> values) {
        String chosen = null;
        for (String value : values) {
            if (chosen == null || securityHeaders.isAgentValue(name, chosen)) {
                chosen = value;
            }
        }
        return chosen;
    }

    @Override
    public boolean answerWithJsonError(RequestHandle request, Object response, Class<?> responseType) throws Exception {
        if (!errorsJson) {
            return false;
        }
        String[] security = securityHeaders == null ? new String[0] : securityHeaders.forRequest(false, null);
        String[] headers = new String[security.length + 2];
        headers[0] = idHeader;
        headers[1] = request.requestId();
        System.arraycopy(security, 0, headers, 2, security.length);
        return JsonErrorAnswer.write(response, responseType, ErrorBody.forRequest(request.requestId()),
                ErrorBody.CONTENT_TYPE, headers);
    }

    @Override
    public void errorPageRendering(Class<?> container) throws Exception {
        Object[] current = UndertowCurrentRequest.of(container);
        Object request = current == null ? null : current[0];
        Object handle = request == null ? null : invoke(request, "getAttribute", RequestHandle.ATTRIBUTE);
        if (!(handle instanceof RequestHandle)) {
            return;
        }
        Object response = current[1];
        setIfAbsent(response, idHeader, ((RequestHandle) handle).requestId());
        if (securityHeaders != null) {
            String[] security = securityHeaders.forRequest(Boolean.TRUE.equals(invoke(request, "isSecure")),
                    (String) invoke(request, "getHeader", "X-Forwarded-Proto"));
            for (int i = 0; i < security.length; i += 2) {
                setIfAbsent(response, security[i], security[i + 1]);
            }
        }
    }

    private static void setIfAbsent(Object response, String name, String value) throws ReflectiveOperationException {
        if (!Boolean.TRUE.equals(invoke(response, "containsHeader", name))) {
            Method setHeader = response.getClass().getMethod("setHeader", String.class, String.class);
            setHeader.invoke(response, name, value);
        }
    }

    /** A public method of a container's public request or response class, with no or one String argument. */
    private static Object invoke(Object target, String method, String... argument) throws ReflectiveOperationException {
        return argument.length == 0 ? target.getClass().getMethod(method).invoke(target)
                : target.getClass().getMethod(method, String.class).invoke(target, argument[0]);
    }
}
