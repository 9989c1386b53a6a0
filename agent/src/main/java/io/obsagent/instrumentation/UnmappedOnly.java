package io.obsagent.instrumentation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the dispatch advice parameter that is true where the advice is inlined into a container's own request
 * entry point rather than a servlet or filter: there it measures only the requests no servlet is mapped to,
 * which the container answers itself (a 404) without dispatching to any filter or servlet.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UnmappedOnly {
}
