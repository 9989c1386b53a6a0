package io.obsagent.instrumentation.jdbc;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

/**
 * JDBC data sources (HikariCP and any other {@code javax.sql.DataSource}). Only a successful
 * {@code getConnection} registers one: the agent must never start a pool the application has not
 * finished configuring.
 */
public final class DataSourceInstrumentation implements TypeInstrumentation {

    private static final String GET_CONNECTION = "getConnection";

    /** The return type of the {@code getConnection} methods advised: the dozens of classes that merely name a data source stay out. */
    @Override
    public List<String> classFileMarkers() {
        return Collections.singletonList(")Ljava/sql/Connection;");
    }

    /** Hibernate, Spring's JDBC support and the drivers call {@code getConnection}; only data sources declare it. */
    @Override
    public List<String> advisedMethodNames() {
        return Collections.singletonList(GET_CONNECTION);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named("javax.sql.DataSource"))))
                .transform(advices.advise(named(GET_CONNECTION).and(returns(named("java.sql.Connection")))
                        .and(not(isAbstract())), DataSourceAdvice.class.getName()));
    }
}
