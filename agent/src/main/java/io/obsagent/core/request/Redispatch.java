package io.obsagent.core.request;

/**
 * A later dispatch of a request that is already being measured, made by the container on a thread that is
 * not inside the request (the ERROR dispatch of an error page, the ASYNC dispatch of an async result). It is
 * not measured again; it only carries the request's logging context for its duration.
 */
public final class Redispatch {

    final RequestContext context;
    final CurrentRequest.Binding binding;

    Redispatch(RequestContext context, CurrentRequest.Binding binding) {
        this.context = context;
        this.binding = binding;
    }
}
