package com.example.testapp.javax;

import java.io.IOException;

import javax.servlet.ServletResponse;

/** Writes a text/plain body. */
public final class PlainText {

    private PlainText() {
    }

    public static void write(ServletResponse response, String body) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(body);
    }
}
