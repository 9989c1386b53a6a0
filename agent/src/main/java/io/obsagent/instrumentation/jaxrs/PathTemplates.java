package io.obsagent.instrumentation.jaxrs;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;

/** Builds a route template from JAX-RS {@code @Path} values: class path + method path, regular expressions dropped. */
final class PathTemplates {

    private PathTemplates() {
    }

    /** The {@code value} of the first annotation of one of the given types, or {@code null}. */
    static String pathValue(AnnotationList annotations, String... pathTypes) {
        for (AnnotationDescription annotation : annotations) {
            String type = annotation.getAnnotationType().getName();
            for (String pathType : pathTypes) {
                if (type.equals(pathType)) {
                    return annotation.getValue("value").resolve(String.class);
                }
            }
        }
        return null;
    }

    static String join(String classPath, String methodPath) {
        StringBuilder out = new StringBuilder();
        append(out, classPath);
        append(out, methodPath);
        return out.length() == 0 ? "/" : out.toString();
    }

    private static void append(StringBuilder out, String path) {
        if (path == null) {
            return;
        }
        for (String segment : withoutRegex(path).split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(segment);
            }
        }
    }

    /** {@code {id: [0-9]+}} becomes {@code {id}}. */
    static String withoutRegex(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int depth = 0;
        boolean skipping = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    skipping = false;
                    out.append(c);
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping) {
                out.append(depth > 0 && Character.isWhitespace(c) ? "" : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
