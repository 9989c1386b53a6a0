package io.obsagent.instrumentation;

import java.util.ArrayList;
import java.util.List;

/** The {@code "binary.type.Name#method"} entries instrumentations list the places they advise by. */
public final class TypeAndMethod {

    private TypeAndMethod() {
    }

    /** The type names of {@code entries}, for {@link TypeInstrumentation#typeNames}. */
    public static List<String> types(String... entries) {
        List<String> types = new ArrayList<String>();
        for (String entry : entries) {
            types.add(entry.substring(0, entry.indexOf('#')));
        }
        return types;
    }
}
