package io.obsagent.instrumentation.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Replaces the container's error page for an unhandled exception with the JSON body of agent/SPEC.md §4. Runs only
 * when an exception escaped, so it goes through reflection on the application's own servlet API interface
 * instead of making the inlined advice larger.
 */
public final class JsonErrorAnswer {

    private static final ClassValue<Methods> METHODS = new ClassValue<Methods>() {
        @Override
        protected Methods computeValue(Class<?> responseType) {
            try {
                return new Methods(responseType);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private JsonErrorAnswer() {
    }

    /**
     * Writes the answer unless the response is committed. Headers are reset (the application's half-built
     * answer must not leak), then the given headers (request ID, security headers) are set again.
     */
    public static boolean write(Object response, Class<?> responseType, byte[] body, String contentType,
                                String[] headers) throws ReflectiveOperationException, IOException {
        Methods m = METHODS.get(responseType);
        if (m == null || !responseType.isInstance(response) || (Boolean) m.isCommitted.invoke(response)) {
            return false;
        }
        m.reset.invoke(response);
        m.setStatus.invoke(response, 500);
        for (int i = 0; i < headers.length; i += 2) {
            m.setHeader.invoke(response, headers[i], headers[i + 1]);
        }
        m.setContentType.invoke(response, contentType);
        m.setContentLength.invoke(response, body.length);
        try {
            OutputStream out = (OutputStream) m.getOutputStream.invoke(response);
            out.write(body);
            out.flush();
        } catch (InvocationTargetException writerAlreadyInUse) {
            PrintWriter writer = (PrintWriter) m.getWriter.invoke(response);
            writer.write(new String(body, StandardCharsets.UTF_8));
            writer.flush();
        }
        return true;
    }

    private static final class Methods {
        final Method isCommitted;
        final Method reset;
        final Method setStatus;
        final Method setHeader;
        final Method setContentType;
        final Method setContentLength;
        final Method getOutputStream;
        final Method getWriter;

        Methods(Class<?> type) throws NoSuchMethodException {
            isCommitted = type.getMethod("isCommitted");
            reset = type.getMethod("reset");
            setStatus = type.getMethod("setStatus", int.class);
            setHeader = type.getMethod("setHeader", String.class, String.class);
            setContentType = type.getMethod("setContentType", String.class);
            setContentLength = type.getMethod("setContentLength", int.class);
            getOutputStream = type.getMethod("getOutputStream");
            getWriter = type.getMethod("getWriter");
        }
    }
}
