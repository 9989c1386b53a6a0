package io.obsagent.core.readiness;

import javax.sql.DataSource;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC {@link DataSource}s the application borrowed connections from. Only data sources that worked
 * once are remembered (a pool is never started early by the agent), weakly, and at most a few.
 */
public final class DataSourceRegistry {

    static final int MAX = 4;

    private volatile List<WeakReference<DataSource>> known = new ArrayList<WeakReference<DataSource>>();

    /** Cheap when the data source is already known: the common case on every connection borrowed. */
    public void used(Object candidate) {
        if (!(candidate instanceof DataSource)) {
            return;
        }
        for (WeakReference<DataSource> ref : known) {
            if (ref.get() == candidate) {
                return;
            }
        }
        add((DataSource) candidate);
    }

    private synchronized void add(DataSource dataSource) {
        List<WeakReference<DataSource>> next = new ArrayList<WeakReference<DataSource>>();
        for (WeakReference<DataSource> ref : known) {
            DataSource ds = ref.get();
            if (ds == dataSource) {
                return;
            }
            if (ds != null) {
                next.add(ref);
            }
        }
        if (next.size() < MAX) {
            next.add(new WeakReference<DataSource>(dataSource));
        }
        known = next;
    }

    /** The data sources still alive, in the order first used. */
    public List<DataSource> live() {
        List<DataSource> alive = new ArrayList<DataSource>();
        for (WeakReference<DataSource> ref : known) {
            DataSource ds = ref.get();
            if (ds != null) {
                alive.add(ds);
            }
        }
        return alive;
    }
}
