package io.pilotage.ingestion.adapter.odoo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Last known state per Odoo record ({@code ingestion.odoo_record_state}), to derive transitions. */
@ApplicationScoped
public class OdooStateRepository {

    /** The remembered state; {@code writeDate} as Odoo wrote it. */
    public record Known(String state, String writeDate) {
    }

    private final Pool pool;

    public OdooStateRepository(Pool pool) {
        this.pool = pool;
    }

    /** The record's last known state, or null when never seen. */
    public Uni<Known> find(String source, String model, long recordId) {
        return pool.preparedQuery("SELECT state, write_date FROM odoo_record_state WHERE source = $1 AND model = $2 AND record_id = $3")
                .execute(Tuple.of(source, model, recordId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Known(r.getString(0), r.getString(1));
                });
    }

    /** Remembers the state, unless a later write is already remembered (notifications may arrive out of order). */
    public Uni<Void> remember(String source, String model, long recordId, String state, String writeDate) {
        return pool.preparedQuery("""
                        INSERT INTO odoo_record_state (source, model, record_id, state, write_date) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (source, model, record_id) DO UPDATE
                          SET state = EXCLUDED.state, write_date = EXCLUDED.write_date, updated_at = now()
                          WHERE odoo_record_state.write_date IS NULL OR EXCLUDED.write_date IS NULL
                             OR EXCLUDED.write_date >= odoo_record_state.write_date""")
                .execute(Tuple.tuple().addString(source).addString(model).addLong(recordId).addString(state).addString(writeDate))
                .replaceWithVoid();
    }
}
