package com.example.testapp.jersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A resource declared on an interface and implemented by a class with no JAX-RS annotations of its own, as
 * API-first code generators write them: JAX-RS applies the interface's annotations to the implementation.
 */
@Path("/products")
@Produces(MediaType.TEXT_PLAIN)
public interface ProductsApi {

    @GET
    @Path("/{sku}")
    String product(@PathParam("sku") String sku);
}
