package com.example.testapp.caller;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat serving the caller's servlets on SERVER_PORT. */
public final class CallerApp {

    private CallerApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        Hops hops = new Hops();
        Tomcat.addServlet(context, "hop", new HopServlet(hops));
        context.addServletMappingDecoded("/hop", "hop");
        Tomcat.addServlet(context, "call", new CallServlet());
        context.addServletMappingDecoded("/call", "call");
        context.addServletMappingDecoded("/echo", "call");
        context.addServletMappingDecoded("/redirect", "call");
        tomcat.start();
        tomcat.getServer().await();
    }
}
