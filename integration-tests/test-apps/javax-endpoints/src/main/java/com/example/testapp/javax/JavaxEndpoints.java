package com.example.testapp.javax;

import javax.servlet.FilterRegistration;
import javax.servlet.Servlet;
import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;

/**
 * Registers the endpoints every javax test app serves. It uses only the Servlet 3.0 programmatic API,
 * so every container registers exactly the same servlets, filter and mapping kinds (exact, path, extension, default).
 * The build of jakarta-endpoints generates the {@code jakarta.servlet} twin of this package from these sources.
 */
public final class JavaxEndpoints {

    private JavaxEndpoints() {
    }

    /**
     * @param mdcServlet answers /mdc with what the app's own logging library sees as the request ID. With
     *                   TESTAPP_NOT_FOUND=container no default servlet is mapped: the container answers unmapped paths itself.
     */
    public static void register(ServletContext context, Servlet mdcServlet) {
        FilterRegistration.Dynamic secured = context.addFilter("secured", new SecuredFilter());
        secured.setAsyncSupported(true);
        secured.addMappingForUrlPatterns(null, false, "/*");

        servlet(context, "hello", new HelloServlet(), "/hello");
        servlet(context, "items", new ItemsServlet(), "/items/*");
        servlet(context, "action", new ActionServlet(), "*.do");
        servlet(context, "fail", new FailServlet(), "/fail");
        servlet(context, "send-error", new SendErrorServlet(), "/send-error");
        servlet(context, "forward", new ForwardServlet(), "/forward");
        servlet(context, "include", new IncludeServlet(), "/include");
        servlet(context, "async", new AsyncServlet(), "/async");
        servlet(context, "async-timeout", new AsyncTimeoutServlet(), "/async-timeout");
        servlet(context, "stream", new StreamServlet(), "/stream");
        servlet(context, "slow-stream", new SlowStreamServlet(), "/slow-stream");
        servlet(context, "stack-overflow", new StackOverflowServlet(), "/stack-overflow");
        servlet(context, "oom", new OutOfMemoryServlet(), "/oom");
        servlet(context, "frame", new FrameServlet(), "/frame");
        servlet(context, "mdc", mdcServlet, "/mdc");
        servlet(context, "request-id-attribute", new RequestIdAttributeServlet(), "/request-id-attribute");
        servlet(context, "print", new PrintServlet(), "/print");
        if (!"container".equals(System.getenv("TESTAPP_NOT_FOUND"))) {
            servlet(context, "not-found", new NotFoundServlet(), "/");
        }
    }

    private static void servlet(ServletContext context, String name, Servlet servlet, String mapping) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(mapping);
    }
}
