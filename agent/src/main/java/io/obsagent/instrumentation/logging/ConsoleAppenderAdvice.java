package io.obsagent.instrumentation.logging;

import io.obsagent.bridge.AppLogs;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where a console appender is about to exist: Logback's {@code ConsoleAppender.start()}, Log4j 1.2's
 * {@code ConsoleAppender.activateOptions()} and Log4j 2's {@code ConsoleAppender.Builder.build()}. Both run again whenever the application reconfigures its logging,
 * so the switch to JSON follows every reconfiguration.
 */
public final class ConsoleAppenderAdvice {

    private ConsoleAppenderAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object appenderOrBuilder) {
        AppLogs.consoleAppenderStarting(appenderOrBuilder);
    }
}
