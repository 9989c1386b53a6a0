package com.example.testapp.jersey;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

/** A JAX-RS async resource: suspended on the servlet's async support, resumed from another thread. */
@Path("/async")
@Produces(MediaType.TEXT_PLAIN)
public class AsyncResource {

    @GET
    public void answerLater(@QueryParam("delayMs") @DefaultValue("0") long delayMs, @Suspended AsyncResponse response) {
        CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() -> response.resume("async done"));
    }
}
