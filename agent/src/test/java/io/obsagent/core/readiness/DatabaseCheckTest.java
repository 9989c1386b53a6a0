package io.obsagent.core.readiness;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseCheckTest {

    private final DataSourceRegistry registry = new DataSourceRegistry();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger validTimeout = new AtomicInteger(-1);

    @Test
    void appliesOnlyOnceTheApplicationUsedADataSource() {
        DatabaseCheck check = new DatabaseCheck(registry);
        assertThat(check.applies()).isFalse();
        registry.used(dataSource(true, null));
        assertThat(check.applies()).isTrue();
    }

    @Test
    void okWhenAConnectionIsValidAndItIsGivenBackAtOnce() throws Exception {
        registry.used(dataSource(true, null));
        assertThat(new DatabaseCheck(registry).run(2000).isOk()).isTrue();
        assertThat(open).hasValue(0);
        assertThat(validTimeout).hasValue(2);
    }

    @Test
    void anInvalidConnectionFailsAndIsStillClosed() throws Exception {
        registry.used(dataSource(false, null));
        CheckResult result = new DatabaseCheck(registry).run(500);
        assertThat(result.state()).isEqualTo(CheckResult.State.FAILED);
        assertThat(result.message()).isEqualTo("the connection is not valid");
        assertThat(open).hasValue(0);
        assertThat(validTimeout).as("at least one second").hasValue(1);
    }

    @Test
    void aConnectionThatCannotBeBorrowedFailsWithTheDriversMessage() {
        registry.used(dataSource(true, new SQLException("Connection refused")));
        assertThatThrownBy(() -> new DatabaseCheck(registry).run(2000)).hasMessage("Connection refused");
    }

    private DataSource dataSource(boolean valid, SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (failure != null) {
                            throw failure;
                        }
                        open.incrementAndGet();
                        return connection(valid);
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    return null;
                });
    }

    private Connection connection(boolean valid) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isValid":
                            validTimeout.set((Integer) args[0]);
                            return valid;
                        case "close":
                            open.decrementAndGet();
                            return null;
                        default:
                            return null;
                    }
                });
    }
}
