package io.pilotage.ingestion.adapter.odoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;

/**
 * Last known state per Odoo record ({@code ingestion.odoo_record_state}), to derive transitions:
 * the state, and the last known value of each tracked field (a JSON object in {@code tracked}).
 */
@ApplicationScoped
public class OdooStateRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TRACKED = new TypeReference<>() {
    };

    /** The remembered state; {@code writeDate} as Odoo wrote it; {@code tracked} field → value (empty when none). */
    public record Known(String state, String writeDate, Map<String, String> tracked) {
        public Known {
            tracked = tracked == null ? Map.of() : Map.copyOf(tracked);
        }
    }

    private final Pool pool;

    public OdooStateRepository(Pool pool) {
        this.pool = pool;
    }

    /** The record's last known state, or null when never seen. */
    public Uni<Known> find(String source, String model, long recordId) {
        return pool.preparedQuery("SELECT state, write_date, tracked FROM odoo_record_state WHERE source = $1 AND model = $2 AND record_id = $3")
                .execute(Tuple.of(source, model, recordId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Known(r.getString(0), r.getString(1), tracked(r.getString(2)));
                });
    }

    /** Remembers the state, unless a later write is already remembered (notifications may arrive out of order). */
    public Uni<Void> remember(String source, String model, long recordId, String state, String writeDate,
                              Map<String, String> tracked) {
        return pool.preparedQuery("""
                        INSERT INTO odoo_record_state (source, model, record_id, state, write_date, tracked) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (source, model, record_id) DO UPDATE
                          SET state = EXCLUDED.state, write_date = EXCLUDED.write_date, tracked = EXCLUDED.tracked,
                              updated_at = now()
                          WHERE odoo_record_state.write_date IS NULL OR EXCLUDED.write_date IS NULL
                             OR EXCLUDED.write_date >= odoo_record_state.write_date""")
                .execute(Tuple.tuple().addString(source).addString(model).addLong(recordId).addString(state)
                        .addString(writeDate).addString(tracked == null || tracked.isEmpty() ? null : text(tracked)))
                .replaceWithVoid();
    }

    static Map<String, String> tracked(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            TreeMap<String, String> values = JSON.readValue(text, TRACKED);
            values.values().removeIf(java.util.Objects::isNull);
            return values;
        } catch (JsonProcessingException e) {
            return Map.of();   // unreadable: as if nothing were known of the tracked fields
        }
    }

    static String text(Map<String, String> tracked) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tracked));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
