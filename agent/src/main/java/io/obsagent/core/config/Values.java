package io.obsagent.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Parsers for the kinds of setting values; each throws {@link IllegalArgumentException} with an operator's explanation. */
final class Values {

    private Values() {
    }

    static String nonEmpty(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return t;
    }

    static Boolean bool(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    static Integer integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        return value;
    }

    static String headerName(String text) {
        String t = text.trim();
        if (!isToken(t)) {
            throw new IllegalArgumentException("not a valid HTTP header name");
        }
        return t;
    }

    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static double[] buckets(String text) {
        String[] parts = text.split(",");
        double[] bounds = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                bounds[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number");
            }
            if (!(bounds[i] > 0) || Double.isInfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be positive, finite and increasing");
            }
        }
        return bounds;
    }

    static List<ReadyCheckSpec> readyChecks(String text) {
        List<ReadyCheckSpec> checks = new ArrayList<ReadyCheckSpec>();
        for (String entry : text.split(",")) {
            if (!entry.trim().isEmpty()) {
                ReadyCheckSpec check = ReadyCheckSpec.parse(entry.trim());
                for (ReadyCheckSpec seen : checks) {
                    if (seen.name().equals(check.name())) {
                        throw new IllegalArgumentException("check '" + check.name() + "' is named twice");
                    }
                }
                checks.add(check);
            }
        }
        return Collections.unmodifiableList(checks);
    }

    /** For descriptions: the bucket bounds as the operator would write them. */
    static String bucketsText(double[] bounds) {
        String s = Arrays.toString(bounds);
        return s.substring(1, s.length() - 1).replace(" ", "");
    }
}
