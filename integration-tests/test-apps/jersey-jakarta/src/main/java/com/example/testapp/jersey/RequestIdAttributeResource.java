package com.example.testapp.jersey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Answers the servlet request attribute obs.request_id, which the agent sets for application code ("none" when absent). */
@Path("/request-id-attribute")
@Produces(MediaType.TEXT_PLAIN)
public class RequestIdAttributeResource {

    @GET
    public String requestId(@Context HttpServletRequest request) {
        Object requestId = request.getAttribute("obs.request_id");
        return requestId == null ? "none" : requestId.toString();
    }
}
