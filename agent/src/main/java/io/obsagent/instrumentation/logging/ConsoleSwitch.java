package io.obsagent.instrumentation.logging;

import io.obsagent.core.applogs.AppLogFormat;

import java.util.function.Function;

/**
 * What each logging library's adapter ({@code logback/}, {@code log4j2/}, {@code log4j1/}) does to a console as it is
 * made: puts the agent's writer (encoder or layout) in place of the one the application configured, which the agent's
 * keeps as its fallback. Reached from the agent through {@link Function}, so only JDK types cross loaders.
 *
 * @param <W> the library's writer type: Logback's encoder, a Log4j layout
 */
public abstract class ConsoleSwitch<W> implements Function<Object, Boolean> {

    protected final AppLogFormat format;

    protected ConsoleSwitch(AppLogFormat format) {
        this.format = format;
    }

    /** False when there is nothing to replace: no writer the console could use, or the agent's already. */
    @Override
    public final Boolean apply(Object console) {
        try {
            W current = current(console);
            if (current == null || isAgents(current)) {
                return Boolean.FALSE;
            }
            install(console, current);
            return Boolean.TRUE;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this console cannot take the agent's writer", e);
        }
    }

    /** The console's writer, or the one the library would default to; null when it has none and makes none. */
    protected abstract W current(Object console) throws ReflectiveOperationException;

    protected abstract boolean isAgents(W writer);

    /** Gives the console the agent's writer, wrapping {@code original}. */
    protected abstract void install(Object console, W original) throws ReflectiveOperationException;
}
