package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Collections;
import java.util.List;

/** One thing the agent instruments: which class files may concern it, and how Byte Buddy matches and advises them. */
public interface TypeInstrumentation {

    /**
     * Text that occurs in the class file of every type this instruments (a class name or method descriptor
     * from its constant pool). Classes with none of these never reach Byte Buddy: that is what keeps
     * start-up cheap, since most classes an application loads are not servlets, resources or data sources.
     */
    List<String> classFileMarkers();

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
