package com.example.testapp.tomcat9;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** /libraries: proves the app's own Jackson and Byte Buddy work, and which Jackson version it sees. */
final class LibrariesServlet extends HttpServlet {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Supplier<String> greeting;

    LibrariesServlet(Supplier<String> greeting) {
        this.greeting = greeting;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("jackson", mapper.version().toString());
        body.put("generated", greeting.get());
        response.setContentType("application/json");
        mapper.writeValue(response.getWriter(), body);
    }
}
