package io.obsagent.instrumentation.rules;

import io.obsagent.core.metrics.rules.MethodPattern;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches the methods a {@link MethodPattern} names among those a class declares: only methods with a body
 * (abstract methods have none to advise) and never compiler-made bridges, whose real method is advised already.
 */
final class MethodPatternMatcher extends ElementMatcher.Junction.AbstractBase<MethodDescription> {

    private final MethodPattern pattern;

    MethodPatternMatcher(MethodPattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean matches(MethodDescription method) {
        return method.isMethod() && !method.isAbstract() && !method.isNative() && !method.isBridge()
                && !method.isSynthetic() && pattern.matchesName(method.getInternalName())
                && pattern.matchesParameters(parameterTypes(method));
    }

    /** As a Java programmer writes them: {@code long}, {@code java.lang.String[]}, {@code com.example.Outer$Inner}. */
    private static List<String> parameterTypes(MethodDescription method) {
        List<String> names = new ArrayList<String>();
        for (TypeDescription type : method.getParameters().asTypeList().asErasures()) {
            names.add(type.getActualName());
        }
        return names;
    }

    @Override
    public String toString() {
        return "method(" + pattern + ")";
    }
}
