package io.obsagent.core.config;

/**
 * One configuration key of SPEC §1: its name, its default and how a text value becomes a typed one.
 * A parser throws {@link IllegalArgumentException} with a message an operator can act on.
 */
public final class Setting<T> {

    /** Turns the text of a setting into its value, or explains why it cannot. */
    public interface Parser<T> {
        T parse(String text);
    }

    private final String key;
    private final String defaultText;
    private final Parser<T> parser;

    private Setting(String key, String defaultText, Parser<T> parser) {
        this.key = key;
        this.defaultText = defaultText;
        this.parser = parser;
    }

    static <T> Setting<T> of(String key, String defaultText, Parser<T> parser) {
        return new Setting<T>(key, defaultText, parser);
    }

    public String key() {
        return key;
    }

    /** The default as text; {@code null} when the setting is unset by default. */
    public String defaultText() {
        return defaultText;
    }

    T parse(String text) {
        return parser.parse(text);
    }

    /** The environment variable that carries this key: {@code server.port} is {@code OBS_SERVER_PORT}. */
    public static String envName(String key) {
        StringBuilder name = new StringBuilder("OBS_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return key;
    }
}
