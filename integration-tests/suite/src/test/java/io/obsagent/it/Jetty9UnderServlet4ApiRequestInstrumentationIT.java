package io.obsagent.it;

import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;

/**
 * The Jetty 9.4 app with javax.servlet-api 4.0.1 ahead of Jetty's own 3.1 API, as Spring Boot 2's Jetty starter
 * ships it: HttpServletRequest then has getHttpServletMapping(), but only the interface's default, which knows
 * no mapping. Every servlet-level behaviour, route labels above all, must be the same as on the plain 3.1 API.
 */
class Jetty9UnderServlet4ApiRequestInstrumentationIT extends Jetty9RequestInstrumentationIT {

    @Override
    AppProcessBuilder launch(AppProcessBuilder builder) {
        return builder.classpathBefore(Apps.javaxServlet4Api());
    }
}
