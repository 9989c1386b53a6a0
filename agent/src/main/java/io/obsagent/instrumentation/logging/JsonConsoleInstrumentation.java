package io.obsagent.instrumentation.logging;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code app_logs.json}: the application's console appenders, Logback's, Log4j 1.2's and Log4j 2's, just before they
 * start, and
 * the formatter of {@code java.util.logging} handlers as it is set.
 * Installed only when the setting is on, so an application that does not ask for it is not touched at all.
 * Hooking the appender rather than a configurator covers every way an application configures logging:
 * a logback.xml or log4j2.xml, Logback's defaults, Spring Boot's programmatic set-up, and each reconfiguration.
 */
public final class JsonConsoleInstrumentation implements TypeInstrumentation {

    static final String LOGBACK_CONSOLE = "ch.qos.logback.core.ConsoleAppender";
    static final String LOG4J1_CONSOLE = "org.apache.log4j.ConsoleAppender";
    static final String LOG4J_CONSOLE_BUILDER = "org.apache.logging.log4j.core.appender.ConsoleAppender$Builder";
    static final String JUL_HANDLER = "java.util.logging.Handler";

    @Override
    public List<String> typeNames() {
        return Arrays.asList(LOGBACK_CONSOLE, LOG4J1_CONSOLE, LOG4J_CONSOLE_BUILDER, JUL_HANDLER);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        String advice = ConsoleAppenderAdvice.class.getName();
        return builder
                .type(named(LOGBACK_CONSOLE))
                .transform(advices.advise(named("start").and(takesArguments(0)), advice))
                .type(named(LOG4J1_CONSOLE))
                .transform(advices.advise(named("activateOptions").and(takesArguments(0)), advice))
                .type(named(LOG4J_CONSOLE_BUILDER))
                .transform(advices.advise(named("build").and(takesArguments(0)).and(not(isBridge())), advice))
                .type(named(JUL_HANDLER))
                .transform(advices.advise(named("setFormatter").and(takesArguments(1)),
                        HandlerFormatterAdvice.class.getName()));
    }
}
