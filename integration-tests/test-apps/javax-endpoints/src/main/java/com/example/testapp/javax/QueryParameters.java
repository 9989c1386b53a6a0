package com.example.testapp.javax;

import javax.servlet.ServletRequest;

final class QueryParameters {

    private QueryParameters() {
    }

    static long longValue(ServletRequest request, String name, long defaultValue) {
        String value = request.getParameter(name);
        return value == null ? defaultValue : Long.parseLong(value);
    }
}
