package com.example.testapp.jersey;

import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The JAX-RS resources served under /api/*. */
final class ApiApplication extends ResourceConfig {

    ApiApplication() {
        register(UsersResource.class);
        register(OrderLinesResource.class);
        register(MdcResource.class);
        register(RequestIdAttributeResource.class);
        register(AsyncResource.class);
        register(ProductsResource.class);
        // Neither JAXB nor Jakarta Activation is on the class path: say so quietly instead of warning at start-up.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");
    }
}
