package com.example.testapp.jersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A template in both the class and the method @Path. */
@Path("/orders/{orderId}/lines")
@Produces(MediaType.TEXT_PLAIN)
public class OrderLinesResource {

    @GET
    @Path("/{lineId}")
    public String line(@PathParam("orderId") String orderId, @PathParam("lineId") String lineId) {
        return "order " + orderId + " line " + lineId;
    }
}
