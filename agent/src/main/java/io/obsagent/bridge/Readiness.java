package io.obsagent.bridge;

/** Entry points of the advice that tells readiness about the application's start (agent/SPEC.md §3). */
public final class Readiness {

    /** What readiness learns; registered once the core exists. */
    public interface Hooks {

        /** A servlet context, filter or servlet finished initialising: the container is starting up. */
        void containerStarted();

        /** The application bound a listening {@code ServerSocketChannel}. */
        void socketBound(Object socket);

        /** Binding a listening channel to this {@code SocketAddress} failed (the port was taken). */
        void bindFailed(Object address);

        /** The application borrowed a connection from this {@code javax.sql.DataSource}. */
        void dataSourceUsed(Object dataSource);
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public void containerStarted() {
        }

        @Override
        public void socketBound(Object socket) {
        }

        @Override
        public void bindFailed(Object address) {
        }

        @Override
        public void dataSourceUsed(Object dataSource) {
        }
    };

    private static volatile Hooks hooks = NONE;

    private Readiness() {
    }

    public static void register(Hooks readiness) {
        hooks = readiness;
    }

    public static void containerStarted() {
        hooks.containerStarted();
    }

    public static void socketBound(Object socket) {
        hooks.socketBound(socket);
    }

    public static void bindFailed(Object address) {
        hooks.bindFailed(address);
    }

    public static void dataSourceUsed(Object dataSource) {
        hooks.dataSourceUsed(dataSource);
    }
}
