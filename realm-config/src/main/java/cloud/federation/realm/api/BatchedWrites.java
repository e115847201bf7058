package cloud.federation.realm.api;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/** One prepared statement run for many rows, sent in JDBC batches: thousands of rows per commit are common here. */
public final class BatchedWrites {

    static final int BATCH = 500;

    /** Binds one row's parameters. */
    public interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private BatchedWrites() {
    }

    public static <T> void execute(PreparedStatement ps, Collection<T> items, Binder<T> binder) throws SQLException {
        int pending = 0;
        for (T item : items) {
            binder.bind(ps, item);
            ps.addBatch();
            if (++pending == BATCH) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }
}
