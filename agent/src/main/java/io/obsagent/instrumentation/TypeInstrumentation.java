package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Collections;
import java.util.List;

/** One thing the agent instruments: which classes may concern it, and how Byte Buddy matches and advises them. */
public interface TypeInstrumentation {

    /**
     * Binary names of the classes this instruments by name. They reach Byte Buddy by name alone, JDK classes too:
     * no class file is searched for them, and the many class files that merely use such a class stay out.
     */
    default List<String> typeNames() {
        return Collections.emptyList();
    }

    /**
     * Text that occurs in the class file of every type this instruments other than by name (a class name or method
     * descriptor from its constant pool). Classes with none of these and no name of {@link #typeNames} never reach
     * Byte Buddy: that is what keeps start-up cheap, since most classes an application loads are not servlets,
     * resources or data sources.
     */
    default List<String> classFileMarkers() {
        return Collections.emptyList();
    }

    /**
     * Names of the methods this advises in the classes its markers select. When given, a class file with a marker is
     * a candidate only if it declares a concrete method of one of these names: a class that calls a data source's
     * {@code getConnection} or passes a servlet request on has the marker but nothing to advise. Empty: every class
     * file with a marker is a candidate (a JAX-RS resource method has any name).
     */
    default List<String> advisedMethodNames() {
        return Collections.emptyList();
    }

    /**
     * Markers of supertypes whose meaning their subtypes inherit without naming it in their own class file: a
     * class implementing a JAX-RS interface carries none of the interface's {@code @Path} annotations. A type
     * whose class file has one of these makes its own name a marker, so its subtypes reach Byte Buddy too.
     */
    default List<String> inheritedMarkers() {
        return Collections.emptyList();
    }

    AgentBuilder extend(AgentBuilder builder, Advices advices);
}
