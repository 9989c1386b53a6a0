package io.obsagent.instrumentation.jaxrs;

import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

/**
 * JAX-RS resource methods, with JAX-RS annotation inheritance: a method without JAX-RS annotations of its own
 * takes those of the superclass or interface method it implements, as API-first code (an annotated interface,
 * a plain implementation) relies on. The class-level {@code @Path} is likewise found on a supertype.
 */
final class ResourceMethods {

    static final String[] PATH = {"javax.ws.rs.Path", "jakarta.ws.rs.Path"};
    static final String[] HTTP_METHOD = {"javax.ws.rs.HttpMethod", "jakarta.ws.rs.HttpMethod"};

    private static final ElementMatcher<MethodDescription> DESIGNATED = isAnnotatedWith(isAnnotatedWith(namedOneOf(HTTP_METHOD)));
    private static final ElementMatcher<TypeDescription> HAS_PATH = isAnnotatedWith(namedOneOf(PATH));

    private ResourceMethods() {
    }

    /** Concrete methods that carry, or inherit, an HTTP method designator such as {@code @GET}. */
    static ElementMatcher.Junction<MethodDescription> matcher() {
        return new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
            @Override
            public boolean matches(MethodDescription method) {
                return method.isMethod() && !method.isAbstract() && !method.isBridge()
                        && designation(method.getDeclaringType().asErasure(), method) != null;
            }
        };
    }

    /** The declaration whose JAX-RS annotations apply to {@code method}: itself, or the one it implements; else null. */
    static MethodDescription designation(TypeDescription type, MethodDescription method) {
        if (DESIGNATED.matches(method)) {
            return method;
        }
        MethodDescription.TypeToken token = method.asTypeToken();
        for (TypeDescription supertype : supertypes(type)) {
            for (MethodDescription candidate : supertype.getDeclaredMethods()) {
                if (candidate.getName().equals(method.getName()) && candidate.asTypeToken().equals(token)
                        && DESIGNATED.matches(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The annotations of the resource class's {@code @Path}: on the class, else on the type declaring the method, else a supertype. */
    static AnnotationList classAnnotations(TypeDescription type, MethodDescription designation) {
        if (HAS_PATH.matches(type)) {
            return type.getDeclaredAnnotations();
        }
        TypeDescription declaring = designation.getDeclaringType().asErasure();
        if (HAS_PATH.matches(declaring)) {
            return declaring.getDeclaredAnnotations();
        }
        for (TypeDescription supertype : supertypes(type)) {
            if (HAS_PATH.matches(supertype)) {
                return supertype.getDeclaredAnnotations();
            }
        }
        return new AnnotationList.Empty();
    }

    /** Superclasses first, then interfaces, breadth first, each once; never {@code type} itself. */
    private static Iterable<TypeDescription> supertypes(TypeDescription type) {
        Set<String> seen = new HashSet<String>();
        java.util.List<TypeDescription> ordered = new java.util.ArrayList<TypeDescription>();
        for (TypeDefinition t = type.getSuperClass(); t != null; t = t.getSuperClass()) {
            TypeDescription erased = t.asErasure();
            if (!erased.represents(Object.class) && seen.add(erased.getName())) {
                ordered.add(erased);
            }
        }
        Deque<TypeDefinition> faces = new ArrayDeque<TypeDefinition>();
        faces.addAll(type.getInterfaces());
        for (TypeDescription t : new java.util.ArrayList<TypeDescription>(ordered)) {
            faces.addAll(t.getInterfaces());
        }
        while (!faces.isEmpty()) {
            TypeDescription face = faces.poll().asErasure();
            if (seen.add(face.getName())) {
                ordered.add(face);
                faces.addAll(face.getInterfaces());
            }
        }
        return ordered;
    }
}
