package io.obsagent.instrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Instruments JDK classes only, which reach Byte Buddy by name (the agent's JDK types), never by marker: their
 * names as markers would make every class file that merely uses an executor or a client a candidate, and parsing
 * those cost the sample app seconds of start-up.
 */
public abstract class JdkTypeInstrumentation implements TypeInstrumentation {

    @Override
    public final List<String> classFileMarkers() {
        return Collections.emptyList();
    }
}
