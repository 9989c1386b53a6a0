package io.obsagent.core.events;

/** Where the agent's JSON events go: {@code stdout}, {@code stderr} or {@code file:/path}. */
public final class LogTarget {

    public enum Kind { STDOUT, STDERR, FILE }

    private final Kind kind;
    private final String path;

    private LogTarget(Kind kind, String path) {
        this.kind = kind;
        this.path = path;
    }

    public static LogTarget parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("stdout")) {
            return new LogTarget(Kind.STDOUT, null);
        }
        if (t.equalsIgnoreCase("stderr")) {
            return new LogTarget(Kind.STDERR, null);
        }
        if (t.startsWith("file:") && t.length() > "file:".length()) {
            return new LogTarget(Kind.FILE, t.substring("file:".length()));
        }
        throw new IllegalArgumentException("expected stdout, stderr or file:/path");
    }

    public Kind kind() {
        return kind;
    }

    /** The file path for {@link Kind#FILE}, else {@code null}. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? "file:" + path : kind.name().toLowerCase();
    }
}
