package io.obsagent.core.readiness;

import javax.sql.DataSource;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDBC {@link DataSource}s the application borrowed connections from. Only data sources that worked
 * once are remembered (a pool is never started early by the agent), weakly, and at most a few.
 *
 * <p>A pool opens its physical connections through a data source of its own (HikariCP's
 * {@code DriverDataSource}, c3p0's {@code DriverManagerDataSource}). Readiness must borrow from the pool,
 * never open raw connections past it, so a data source first used from inside another one's
 * {@code getConnection} is remembered as internal: known, so that it is recognised cheaply next time, but
 * never checked.
 */
public final class DataSourceRegistry {

    static final int MAX = 4;

    private volatile List<Entry> known = new ArrayList<Entry>();

    /** Cheap when the data source is already known: the common case on every connection borrowed. */
    public void used(Object candidate) {
        if (!(candidate instanceof DataSource)) {
            return;
        }
        for (Entry entry : known) {
            if (entry.ref.get() == candidate) {
                return;
            }
        }
        DataSource dataSource = (DataSource) candidate;
        add(dataSource, insideAnother(dataSource.getClass(), new Throwable().getStackTrace()));
    }

    private synchronized void add(DataSource dataSource, boolean internal) {
        List<Entry> next = new ArrayList<Entry>();
        int sameKind = 0;
        for (Entry entry : known) {
            DataSource ds = entry.ref.get();
            if (ds == dataSource) {
                return;
            }
            if (ds != null) {
                next.add(entry);
                sameKind += entry.internal == internal ? 1 : 0;
            }
        }
        if (sameKind < MAX) {
            next.add(new Entry(dataSource, internal));
        }
        known = next;
    }

    /** The data sources still alive that readiness checks, in the order first used. */
    public List<DataSource> live() {
        List<DataSource> alive = new ArrayList<DataSource>();
        for (Entry entry : known) {
            DataSource ds = entry.ref.get();
            if (ds != null && !entry.internal) {
                alive.add(ds);
            }
        }
        return alive;
    }

    /**
     * True when the stack holds a {@code getConnection} of another {@link DataSource} class: the data source
     * is being used by that one. Frames of {@code type}'s own hierarchy are overloads delegating to each
     * other; a {@code getConnection} of a class that is no data source (a DAO's helper) does not count.
     */
    static boolean insideAnother(Class<?> type, StackTraceElement[] stack) {
        Set<String> own = new HashSet<String>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            own.add(c.getName());
        }
        for (StackTraceElement frame : stack) {
            if ("getConnection".equals(frame.getMethodName()) && !own.contains(frame.getClassName())
                    && isDataSource(frame.getClassName(), type.getClassLoader())) {
                return true;
            }
        }
        return false;
    }

    /** Looked up without initialising anything; a class the loader cannot see counts as no data source. */
    private static boolean isDataSource(String className, ClassLoader loader) {
        try {
            return DataSource.class.isAssignableFrom(Class.forName(className, false, loader));
        } catch (Throwable notVisible) {
            return false;
        }
    }

    private static final class Entry {
        final WeakReference<DataSource> ref;
        final boolean internal;

        Entry(DataSource dataSource, boolean internal) {
            this.ref = new WeakReference<DataSource>(dataSource);
            this.internal = internal;
        }
    }
}
