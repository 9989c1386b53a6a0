package io.obsagent.instrumentation;

import io.obsagent.bridge.Faults;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes advice transformers. Advice is resolved by class name through the instrumented class's loader (it
 * names servlet types the agent's own loader cannot see), and every throwable it suppresses is handed to
 * {@link Faults#adviceFailed} with the advice's name, so faults are counted instead of lost. While the application
 * starts, each advice is resolved once per class loader ({@link ResolvedAdvice}); {@link #stopSharing} ends that.
 */
public final class Advices {

    private final ClassLoader agentLoader;
    private final AgentBuilder.LocationStrategy location;
    private final AgentBuilder.PoolStrategy typePools;
    private final MethodDescription adviceFailed;
    private final List<ResolvedAdvice> made = new ArrayList<ResolvedAdvice>();

    Advices(ClassLoader agentLoader, AgentBuilder.LocationStrategy location, AgentBuilder.PoolStrategy typePools)
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
        ResolvedAdvice advice = new ResolvedAdvice(mapping, adviceClass, new Advice.ExceptionHandler.Simple(countFault),
                methods, agentLoader, location, typePools);
        synchronized (made) {
            made.add(advice);
        }
        return advice;
    }

    /** The application has started: what was resolved for its loaders is let go, and resolved afresh when needed. */
    void stopSharing() {
        synchronized (made) {
            for (ResolvedAdvice advice : made) {
                advice.stopSharing();
            }
        }
    }
}
