package io.obsagent.instrumentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class-file markers, searched for through gates: a marker is grouped under the longest package name it contains
 * (its gate, a substring of it, so the marker cannot occur without it), and only a class file that has a gate is
 * searched for that gate's markers. At the defaults seventeen markers share five gates ({@code Ljakarta/servlet/},
 * {@code Ljavax/ws/rs/}, {@code Ljava/sql/}...): a class file with none of them costs five searches, not seventeen.
 */
final class MarkerSet {

    private final String[] gates;
    private final String[][] markers;

    MarkerSet(List<String> all) {
        Map<String, List<String>> byGate = new LinkedHashMap<String, List<String>>();
        for (String marker : all) {
            String gate = gate(marker);
            List<String> group = byGate.get(gate);
            if (group == null) {
                group = new ArrayList<String>();
                byGate.put(gate, group);
            }
            group.add(marker);
        }
        gates = byGate.keySet().toArray(new String[0]);
        markers = new String[gates.length][];
        for (int i = 0; i < gates.length; i++) {
            markers[i] = byGate.get(gates[i]).toArray(new String[0]);
        }
    }

    /** Whether {@code text} (a class file as Latin-1) contains one of the markers. */
    boolean foundIn(String text) {
        for (int i = 0; i < gates.length; i++) {
            if (text.indexOf(gates[i]) >= 0) {
                for (String marker : markers[i]) {
                    if (text.indexOf(marker) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The longest package name (up to and with its last {@code /}) among the internal names in {@code marker}, e.g.
     * {@code Ljakarta/servlet/} for {@code Ljava/util/Set;Ljakarta/servlet/ServletContext;)V}; the marker itself when
     * it names no package.
     */
    static String gate(String marker) {
        String gate = marker;
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= marker.length(); i++) {
            if (i == marker.length() || marker.charAt(i) == ';' || marker.charAt(i) == '(' || marker.charAt(i) == ')') {
                int slash = marker.lastIndexOf('/', i - 1);
                if (slash >= start && slash + 1 - start > longest) {
                    longest = slash + 1 - start;
                    gate = marker.substring(start, slash + 1);
                }
                start = i + 1;
            }
        }
        return gate;
    }
}
