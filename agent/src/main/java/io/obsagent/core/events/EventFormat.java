package io.obsagent.core.events;

/** Turns events into JSON lines: the common head of agent/SPEC.md §4, then the event's own fields. Not thread-safe. */
public final class EventFormat {

    private final String service;
    private final StringBuilder line = new StringBuilder(512);
    private final Timestamps timestamps = new Timestamps();

    public EventFormat(String service) {
        this.service = service;
    }

    /** The event as one line of JSON, ending in a newline. */
    public String format(Event event) {
        return formatInPlace(event).toString();
    }

    /** The same line in this format's own buffer, valid until the next call: the writer encodes it from there. */
    CharSequence formatInPlace(Event event) {
        line.setLength(0);
        line.append("{\"timestamp\":\"");
        timestamps.append(line, event.timestampMillis());
        line.append("\",\"level\":\"").append(event.level().text()).append("\",\"logger\":");
        JsonFields.quote(line, event.logger());
        line.append(",\"event\":");
        JsonFields.quote(line, event.name());
        line.append(",\"service\":");
        JsonFields.quote(line, service);
        line.append(',');
        int fieldsStart = line.length();
        event.writeFields(new JsonFields(line));
        if (line.length() == fieldsStart) {
            line.setLength(fieldsStart - 1);
        }
        return line.append("}\n");
    }
}
