package com.example.testapp.jersey;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** Answers the request ID (or the key {@code ?key=}) the application sees in Log4j 2's ThreadContext ("none" when absent). */
@Path("/mdc")
@Produces(MediaType.TEXT_PLAIN)
public class MdcResource {

    private static final Logger LOG = LogManager.getLogger(MdcResource.class);

    @GET
    public String requestId(@QueryParam("key") @DefaultValue("request_id") String key) {
        String requestId = ThreadContext.get(key);
        LOG.info("mdc check");
        return requestId == null ? "none" : requestId;
    }
}
