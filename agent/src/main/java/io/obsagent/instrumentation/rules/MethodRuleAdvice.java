package io.obsagent.instrumentation.rules;

import io.obsagent.bridge.Rules;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every method a metric rule matches. The probe id is a constant, so a watched call costs two
 * static calls into the bridge and nothing else here.
 */
public final class MethodRuleAdvice {

    private MethodRuleAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@ProbeId int probe) {
        return Rules.enter(probe);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@ProbeId int probe, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Rules.exit(probe, startNanos, thrown);
    }
}
