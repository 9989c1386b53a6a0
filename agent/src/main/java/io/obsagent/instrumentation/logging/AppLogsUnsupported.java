package io.obsagent.instrumentation.logging;

/** The application's logging cannot be switched to JSON (too old, or no JSON layout at hand); its message says why. */
final class AppLogsUnsupported extends Exception {

    private static final long serialVersionUID = 1L;

    AppLogsUnsupported(String message) {
        super(message, null, false, false);
    }
}
