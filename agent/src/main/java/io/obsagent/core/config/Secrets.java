package io.obsagent.core.config;

import java.util.Locale;

/** Decides which configuration values never appear in clear text (agent/SPEC.md §6). */
final class Secrets {

    static final String MASK = "****";

    private Secrets() {
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("token") || k.contains("secret") || k.equals("server.auth");
    }

    /** "none" stays readable so an operator can see that a secret is unset. */
    static String mask(String key, String text) {
        return isSecretKey(key) && text != null && !text.equals("none") ? MASK : text;
    }
}
