package com.example.testapp.warlogback;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import com.example.testapp.jakarta.JakartaEndpoints;

/** Registers the shared endpoints when the container deploys this WAR, under whatever context path it is given. */
@WebListener
public final class WebappStart implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        JakartaEndpoints.register(event.getServletContext(), new MdcServlet());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
    }
}
