package io.obsagent.core.readiness;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class DataSourceRegistryTest {

    private final DataSourceRegistry registry = new DataSourceRegistry();

    @Test
    void aDataSourceTheApplicationUsesIsChecked() {
        Pool pool = new Pool(null);
        registry.used(pool);
        registry.used(pool);
        registry.used("not a data source");
        assertThat(registry.live()).containsExactly(pool);
    }

    /** HikariCP opens its physical connections through a DriverDataSource: that one must never be checked. */
    @Test
    void aDataSourceUsedFromInsideAPoolIsNotChecked() throws SQLException {
        Raw raw = new Raw();
        Pool pool = new Pool(raw);
        pool.getConnection();
        assertThat(registry.live()).containsExactly(pool);
        registry.used(raw); // later, from the pool's own thread: still known as internal
        assertThat(registry.live()).containsExactly(pool);
    }

    @Test
    void overloadsOfTheSameDataSourceAndDaoHelpersDoNotCountAsNesting() throws SQLException {
        Pool pool = new Pool(null);
        pool.getConnection("user", "password");
        new Dao(new Pool(null)).getConnection();
        assertThat(registry.live()).hasSize(2).contains(pool);
    }

    @Test
    void atMostAFewAreRemembered() {
        for (int i = 0; i < DataSourceRegistry.MAX + 3; i++) {
            registry.used(new Pool(null));
        }
        assertThat(registry.live()).hasSize(DataSourceRegistry.MAX);
    }

    /** Plays the instrumented application: reports a data source when its getConnection returns. */
    private class Pool extends Base {
        private final DataSource physical;

        Pool(DataSource physical) {
            this.physical = physical;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (physical != null) {
                physical.getConnection();
            }
            registry.used(this);
            return null;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }
    }

    private class Raw extends Base {
        @Override
        public Connection getConnection() {
            registry.used(this);
            return null;
        }
    }

    private static final class Dao {
        private final DataSource dataSource;

        Dao(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }
    }

    private abstract static class Base implements DataSource {
        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
