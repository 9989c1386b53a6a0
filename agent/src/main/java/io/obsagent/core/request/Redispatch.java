package io.obsagent.core.request;

/**
 * A later dispatch of a request that is already being measured, made by the container on a thread that is
 * not inside the request (the ERROR dispatch of an error page, the ASYNC dispatch of an async result). It is
 * not measured again; it only carries the request's logging context for its duration.
 */
public final class Redispatch {

    final RequestContext context;
    final Object loggingScope;

    Redispatch(RequestContext context, Object loggingScope) {
        this.context = context;
        this.loggingScope = loggingScope;
    }
}
