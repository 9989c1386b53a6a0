package io.obsagent.instrumentation.rules;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Classes that frameworks generate to stand in front of the application's own: Spring and CGLIB subclass
 * proxies, Hibernate and Javassist proxies, JDK dynamic proxies, Byte Buddy types. A call through one reaches the
 * real method, which is already watched; watching the proxy too would count the call twice. (Proxies not named
 * here are still counted once, thanks to the per-thread depth in the core.)
 */
final class GeneratedProxies {

    private static final String[] MARKS = {"$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$$EnhancerByCGLIB$$",
            "$HibernateProxy$", "$$_javassist", "$Proxy", "ByteBuddy$"};

    private GeneratedProxies() {
    }

    static boolean isGenerated(String binaryName) {
        for (String mark : MARKS) {
            if (binaryName.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    static ElementMatcher.Junction<TypeDescription> generated() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                return isGenerated(type.getName());
            }
        };
    }
}
