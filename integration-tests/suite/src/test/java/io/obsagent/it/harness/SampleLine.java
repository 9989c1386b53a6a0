package io.obsagent.it.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses one exposition sample line: {@code name{label="value",...} value [timestamp]}. */
final class SampleLine {

    private final String line;
    private int position;

    private SampleLine(String line) {
        this.line = line;
    }

    static PrometheusText.Sample parse(String line) {
        return new SampleLine(line).sample();
    }

    private PrometheusText.Sample sample() {
        while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
            position++;
        }
        String name = line.substring(0, position);
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position++;
            readLabels(labels);
        }
        String[] valueAndTimestamp = line.substring(position).trim().split("\\s+");
        return new PrometheusText.Sample(name, Map.copyOf(labels), number(valueAndTimestamp[0]));
    }

    private void readLabels(Map<String, String> labels) {
        while (true) {
            skipSeparators();
            if (line.charAt(position) == '}') {
                position++;
                return;
            }
            int equals = line.indexOf('=', position);
            String label = line.substring(position, equals).trim();
            position = equals + 1;
            expect('"');
            labels.put(label, quotedValue());
        }
    }

    /** Reads up to the closing quote, undoing the format's escapes (\\, \", \n). */
    private String quotedValue() {
        StringBuilder value = new StringBuilder();
        for (char c = line.charAt(position++); c != '"'; c = line.charAt(position++)) {
            if (c == '\\') {
                char escaped = line.charAt(position++);
                value.append(escaped == 'n' ? '\n' : escaped);
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private void skipSeparators() {
        while (line.charAt(position) == ' ' || line.charAt(position) == ',') {
            position++;
        }
    }

    private void expect(char expected) {
        if (line.charAt(position) != expected) {
            throw new IllegalArgumentException("Expected '" + expected + "' at " + position + " in: " + line);
        }
        position++;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
