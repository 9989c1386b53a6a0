package io.obsagent.it.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON objects among a process's output lines (the agent's events, JSON application logs).
 * Lines that are not JSON objects are ignored; lines that look like one but do not parse are kept
 * apart in {@link #malformed()}, since an interleaved or torn event is a bug to report.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final List<Map<String, Object>> objects;
    private final List<String> malformed;

    private JsonLines(List<Map<String, Object>> objects, List<String> malformed) {
        this.objects = objects;
        this.malformed = malformed;
    }

    public static JsonLines of(List<String> lines) {
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String line : lines) {
            if (!line.trim().startsWith("{")) {
                continue;
            }
            tryParse(line).ifPresentOrElse(objects::add, () -> malformed.add(line));
        }
        return new JsonLines(List.copyOf(objects), List.copyOf(malformed));
    }

    /** Matches an output line that is a JSON object with this {@code event}, e.g. for {@link AppProcess#awaitLine}. */
    public static Predicate<String> event(String event) {
        return line -> line.trim().startsWith("{")
                && tryParse(line).map(object -> event.equals(object.get("event"))).orElse(false);
    }

    /** Parses one JSON object, e.g. a response body; fails on anything else. */
    public static Map<String, Object> parseObject(String json) {
        return tryParse(json).orElseThrow(() -> new AssertionError("Not a JSON object: " + json));
    }

    public List<Map<String, Object>> objects() {
        return objects;
    }

    public List<Map<String, Object>> events(String event) {
        return objects.stream().filter(object -> event.equals(object.get("event"))).toList();
    }

    /** The one object with this {@code event}; fails when there is none or more than one. */
    public Map<String, Object> singleEvent(String event) {
        List<Map<String, Object>> matching = events(event);
        if (matching.size() != 1) {
            throw new AssertionError("Expected exactly one \"" + event + "\" event but found "
                    + matching.size() + ": " + matching);
        }
        return matching.get(0);
    }

    public List<String> malformed() {
        return malformed;
    }

    private static Optional<Map<String, Object>> tryParse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readValue(text, OBJECT));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
