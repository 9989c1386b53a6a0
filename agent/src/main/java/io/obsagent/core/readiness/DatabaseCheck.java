package io.obsagent.core.readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code database} check, present once the application has borrowed a connection from a data source:
 * borrows one from each such data source, asks {@link Connection#isValid} and gives it back at once.
 */
public final class DatabaseCheck implements ReadyCheck {

    private final DataSourceRegistry dataSources;

    public DatabaseCheck(DataSourceRegistry dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean applies() {
        return !dataSources.live().isEmpty();
    }

    @Override
    public CheckResult run(int timeoutMillis) throws SQLException {
        List<DataSource> live = dataSources.live();
        int seconds = Math.max(1, (timeoutMillis + 999) / 1000);
        for (DataSource dataSource : live) {
            Connection connection = dataSource.getConnection();
            try {
                if (!connection.isValid(seconds)) {
                    return CheckResult.failed("the connection is not valid");
                }
            } finally {
                connection.close();
            }
        }
        return CheckResult.ok();
    }
}
