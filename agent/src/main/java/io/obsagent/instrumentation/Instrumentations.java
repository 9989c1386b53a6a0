package io.obsagent.instrumentation;

import io.obsagent.instrumentation.jaxrs.JaxRsInstrumentation;
import io.obsagent.instrumentation.jdbc.DataSourceInstrumentation;
import io.obsagent.instrumentation.net.ServerSocketInstrumentation;
import io.obsagent.instrumentation.servlet.ContainerStartInstrumentation;
import io.obsagent.instrumentation.servlet.ServletInstrumentation;

import java.util.Arrays;
import java.util.List;

/** Everything the agent instruments. */
public final class Instrumentations {

    private Instrumentations() {
    }

    public static List<TypeInstrumentation> all() {
        return Arrays.asList(ServletInstrumentation.javax(), ServletInstrumentation.jakarta(),
                new ContainerStartInstrumentation(), new JaxRsInstrumentation(), new DataSourceInstrumentation(),
                new ServerSocketInstrumentation());
    }

    /** JDK classes (internal names) instrumented although the JDK is otherwise never touched. */
    public static List<String> jdkTypes() {
        return Installer.internalNames(ServerSocketInstrumentation.TYPES);
    }
}
