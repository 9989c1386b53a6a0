package io.obsagent.core.config;

/** Credentials that guard the side server's {@code /metrics} and {@code /}: none, basic or bearer. */
public final class ServerAuth {

    public enum Scheme { NONE, BASIC, BEARER }

    public static final ServerAuth NONE = new ServerAuth(Scheme.NONE, null, null);

    private final Scheme scheme;
    private final String user;
    private final String secret;

    private ServerAuth(Scheme scheme, String user, String secret) {
        this.scheme = scheme;
        this.user = user;
        this.secret = secret;
    }

    static ServerAuth parse(String text) {
        if (text.startsWith("basic:")) {
            String rest = text.substring("basic:".length());
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new IllegalArgumentException("expected basic:USER:PASSWORD");
            }
            return new ServerAuth(Scheme.BASIC, rest.substring(0, colon), rest.substring(colon + 1));
        }
        if (text.startsWith("bearer:") && text.length() > "bearer:".length()) {
            return new ServerAuth(Scheme.BEARER, null, text.substring("bearer:".length()));
        }
        throw new IllegalArgumentException("expected basic:USER:PASSWORD or bearer:TOKEN");
    }

    public Scheme scheme() {
        return scheme;
    }

    public String user() {
        return user;
    }

    /** The password (basic) or token (bearer). */
    public String secret() {
        return secret;
    }

    /** Never the secret itself: this is what logs and {@code agent_started} show. */
    @Override
    public String toString() {
        return scheme == Scheme.NONE ? "none" : scheme.name().toLowerCase() + ":****";
    }
}
