package io.obsagent.instrumentation.jdbc;

import io.obsagent.bridge.Readiness;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code DataSource.getConnection}: a data source that handed out a connection is one readiness can check. */
public final class DataSourceAdvice {

    private DataSourceAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object dataSource) {
        Readiness.dataSourceUsed(dataSource);
    }
}
