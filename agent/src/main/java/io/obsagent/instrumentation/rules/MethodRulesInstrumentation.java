package io.obsagent.instrumentation.rules;

import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.core.metrics.rules.ProbeTarget;
import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * The methods named by business-metric rules ({@code metrics.rules.*}): for each type a rule names, that type
 * and its subclasses and implementations, but not the proxies generated in front of them. Each rule target's
 * probe id is inlined into the advice as a constant.
 */
public final class MethodRulesInstrumentation implements TypeInstrumentation {

    private final MetricRules rules;

    public MethodRulesInstrumentation(MetricRules rules) {
        this.rules = rules;
    }

    /**
     * The named types' internal names. A class file mentions its direct superclass and interfaces, so the named
     * type, its direct subclasses and its direct implementations pass. A class that inherits the type through
     * another ({@code C extends B extends A}, or {@code B implements A}) does not, unless its own code mentions
     * the type; matching method names instead would send most of an application's classes to Byte Buddy.
     */
    @Override
    public List<String> classFileMarkers() {
        return new ArrayList<String>(byType().keySet());
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        AgentBuilder extended = builder;
        for (Map.Entry<String, List<ProbeTarget>> type : byType().entrySet()) {
            // failSafe: a class that merely mentions the type may have supertypes its loader cannot resolve.
            AgentBuilder.Identified.Narrowable watched = extended.type(not(GeneratedProxies.generated())
                    .and(failSafe(hasSuperType(named(type.getValue().get(0).pattern().typeName())))));
            AgentBuilder.Identified.Extendable advised = null;
            for (ProbeTarget target : type.getValue()) {
                AgentBuilder.Transformer transformer = advices.advise(probeId(target.id()),
                        new MethodPatternMatcher(target.pattern()), MethodRuleAdvice.class.getName());
                advised = advised == null ? watched.transform(transformer) : advised.transform(transformer);
            }
            extended = advised;
        }
        return extended;
    }

    /** Internal type name → the targets naming that type, in rule order. */
    private Map<String, List<ProbeTarget>> byType() {
        Map<String, List<ProbeTarget>> byType = new LinkedHashMap<String, List<ProbeTarget>>();
        for (ProbeTarget target : rules.targets()) {
            String type = target.pattern().internalTypeName();
            if (!byType.containsKey(type)) {
                byType.put(type, new ArrayList<ProbeTarget>());
            }
            byType.get(type).add(target);
        }
        return byType;
    }

    /** Binds {@link ProbeId} to the constant {@code id}, and notes that the target matched a method. */
    private Advice.WithCustomMapping probeId(final int id) {
        return Advice.withCustomMapping().bind(ProbeId.class,
                (Advice.OffsetMapping) (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) -> {
                    rules.matched(id);
                    return new Advice.OffsetMapping.Target.ForStackManipulation(IntegerConstant.forValue(id));
                });
    }
}
