package io.obsagent.instrumentation;

import io.obsagent.bridge.Faults;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Makes advice transformers. Advice is resolved by class name through the instrumented class's loader (it
 * names servlet types the agent's own loader cannot see), and every throwable it suppresses is handed to
 * {@link Faults#adviceFailed} with the advice's name, so faults are counted instead of lost. While the application
 * starts, each advice is resolved once per class loader ({@link ResolvedAdvice}).
 */
public final class Advices {

    private final ClassLoader agentLoader;
    private final AgentBuilder.LocationStrategy location;
    private final TypePoolPerLoader typePools;
    private final MethodDescription adviceFailed;

    Advices(ClassLoader agentLoader, AgentBuilder.LocationStrategy location, TypePoolPerLoader typePools)
            throws NoSuchMethodException {
        this.agentLoader = agentLoader;
        this.location = location;
        this.typePools = typePools;
        this.adviceFailed = new MethodDescription.ForLoadedMethod(
                Faults.class.getMethod("adviceFailed", Throwable.class, String.class));
    }

    public AgentBuilder.Transformer advise(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        return advise(Advice.withCustomMapping(), methods, adviceClass);
    }

    public AgentBuilder.Transformer advise(Advice.WithCustomMapping mapping, ElementMatcher<? super MethodDescription> methods,
                                           String adviceClass) {
        String where = adviceClass.substring(adviceClass.lastIndexOf('.') + 1);
        StackManipulation countFault = new StackManipulation.Compound(new TextConstant(where),
                MethodInvocation.invoke(adviceFailed));
        return new ResolvedAdvice(mapping, adviceClass, new Advice.ExceptionHandler.Simple(countFault), methods,
                agentLoader, location, typePools);
    }
}
