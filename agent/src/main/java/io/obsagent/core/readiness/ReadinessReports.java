package io.obsagent.core.readiness;

import io.obsagent.bridge.Readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;

/** What readiness advice reports, turned into the plain facts {@link AppState} and {@link DataSourceRegistry} keep. */
public final class ReadinessReports implements Readiness.Hooks {

    private final AppState appState;
    private final DataSourceRegistry dataSources;

    public ReadinessReports(AppState appState, DataSourceRegistry dataSources) {
        this.appState = appState;
        this.dataSources = dataSources;
    }

    @Override
    public void containerStarted() {
        appState.containerStarted();
    }

    @Override
    public void socketBound(Object socket) {
        if (!ConnectorBinds.isConnector(Thread.currentThread().getStackTrace())) {
            return;
        }
        SocketAddress address = null;
        if (socket instanceof NetworkChannel) {
            try {
                address = ((NetworkChannel) socket).getLocalAddress();
            } catch (IOException closedAlready) {
                return;
            }
        } else if (socket instanceof ServerSocket) {
            address = ((ServerSocket) socket).getLocalSocketAddress();
        }
        if (address instanceof InetSocketAddress) {
            appState.socketBound((InetSocketAddress) address);
        }
    }

    @Override
    public void bindFailed(Object address) {
        if (address instanceof InetSocketAddress && ConnectorBinds.isConnector(Thread.currentThread().getStackTrace())) {
            appState.bindFailed((InetSocketAddress) address);
        }
    }

    @Override
    public void dataSourceUsed(Object dataSource) {
        dataSources.used(dataSource);
    }
}
