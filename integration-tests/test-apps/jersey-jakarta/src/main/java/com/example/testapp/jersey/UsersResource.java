package com.example.testapp.jersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

@Path("/users")
@Produces(MediaType.TEXT_PLAIN)
public class UsersResource {

    private static final Logger LOG = LogManager.getLogger(UsersResource.class);

    @GET
    public String list() {
        return "alice,bob";
    }

    @GET
    @Path("/{id}")
    public String get(@PathParam("id") String id) {
        LOG.info("user fetched id={}", id);
        return "user " + id;
    }

    @POST
    public Response create(String name) {
        return Response.status(Response.Status.CREATED).entity("created " + name).build();
    }

    /** Not mapped by any ExceptionMapper: Jersey hands it to the servlet container. */
    @GET
    @Path("/{id}/fail")
    public String fail(@PathParam("id") String id) {
        throw new IllegalStateException("boom");
    }
}
