package io.obsagent.server;

/** Runs the complete requests the {@link ConnectionLoop} has read on the side server's workers. */
interface Exchanges {

    /** False when no worker can take it. */
    boolean dispatch(Connection connection, SideRequest request);
}
