package com.example.testapp.warlog4j;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.annotation.WebListener;

import com.example.testapp.javax.JavaxEndpoints;

/** Registers the shared endpoints when the container deploys this WAR, under whatever context path it is given. */
@WebListener
public final class WebappStart implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        JavaxEndpoints.register(event.getServletContext(), new MdcServlet());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
    }
}
