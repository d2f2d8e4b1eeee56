package io.pilotage.kpi.store;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * (Re)creates the read-only reporting views ({@code reporting-views.sql}) in schema
 * {@code kpi_reporting} at start, when the schema exists (the harness creates it with its
 * read-only role; see docs/reporting.md).
 */
@ApplicationScoped
public class ReportingViews {

    private final DataSource db;

    public ReportingViews(DataSource db) {
        this.db = db;
    }

    void create(@Observes StartupEvent ignored) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_namespace where nspname = 'kpi_reporting'")) {
                if (!rs.next()) {
                    Log.info("schema kpi_reporting absent: no reporting views");
                    return;
                }
            }
            st.execute(sql());
        } catch (SQLException e) {
            Log.warnf("cannot create the reporting views: %s", e.getMessage());
        }
    }

    private static String sql() {
        try (InputStream in = ReportingViews.class.getResourceAsStream("/reporting-views.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
