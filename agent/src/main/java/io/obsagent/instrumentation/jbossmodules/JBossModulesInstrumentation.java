package io.obsagent.instrumentation.jbossmodules;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * JBoss Modules (WildFly, JBoss EAP): a module sees only its declared dependencies and the packages named in
 * {@code jboss.modules.system.pkgs}, so advice inlined into Undertow's servlet module could not resolve the
 * bridge although it sits in the boot loader, and the deployment failed. Every module's class lookup is
 * taught to answer bridge names from the boot loader, as an operator-supplied system package would, but
 * without setting that JVM-wide property and whatever the operator's {@code JAVA_OPTS} say.
 */
public final class JBossModulesInstrumentation implements TypeInstrumentation {

    private static final String MODULE = "org.jboss.modules.Module";
    private static final String LOOKUP = "loadModuleClass";

    @Override
    public List<String> typeNames() {
        return Collections.singletonList(MODULE);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(MODULE))
                .transform(advices.advise(named(LOOKUP).and(takesArguments(2))
                        .and(takesArgument(0, String.class)), BridgeLookupAdvice.class.getName()));
    }
}
