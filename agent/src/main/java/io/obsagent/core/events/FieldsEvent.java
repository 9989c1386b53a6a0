package io.obsagent.core.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** An event of a few named fields, for everything that is not on the per-request path. */
public final class FieldsEvent extends Event {

    private final Map<String, Object> fields = new LinkedHashMap<String, Object>();

    public FieldsEvent(Level level, String logger, String name) {
        super(level, logger, name);
    }

    /** Adds a field: a String, a whole number, a Boolean or a {@code Map<String, String>}. */
    public FieldsEvent with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void writeFields(JsonFields out) {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer) {
                out.number(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof Boolean) {
                out.bool(e.getKey(), (Boolean) v);
            } else if (v instanceof Map) {
                out.object(e.getKey(), (Map<String, String>) v);
            } else {
                out.string(e.getKey(), v == null ? null : v.toString());
            }
        }
    }
}
