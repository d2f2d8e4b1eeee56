package io.pilotage.kpi.it;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A BI tool's view: the read-only role sees definitions and values through the reporting views, and nothing else. */
@QuarkusTest
class ReportingViewsTest {

    private static Connection asReportingRole() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class).replaceAll("\\?.*", "");
        return DriverManager.getConnection(url, "kpi_reporting", System.getenv("PILOTAGE_PG_PASSWORD_KPI_REPORTING"));
    }

    @Test
    void theReadOnlyRoleReadsDefinitionsAndValuesButCannotWriteOrSeeTheEngineTables() throws Exception {
        String project = TestKafka.newProject("bi");
        TestKafka.definition(TestKafka.kpi(project, """
                - key: %s.things
                  unit: count
                  direction: higher_is_better
                  target: 1
                  frequency: monthly
                  measure: { type: count, events: [thing] }
                """.formatted(project), 1));
        TestKafka.events(List.of(TestKafka.event(project, "thing", "2026-10-05T10:00:00Z", null, null, null, Map.of()),
                TestKafka.event(project, "thing", "2026-10-06T10:00:00Z", null, null, null, Map.of())));
        try (Connection c = asReportingRole()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select value, status, unit, target from kpi_values where kpi_key = ? and granularity = 'month' and period_start = '2026-10-01'")) {
                    ps.setString(1, project + ".things");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getDouble(1)).isEqualTo(2.0);
                        assertThat(rs.getString(2)).isEqualTo("GREEN");
                    }
                }
            });
            try (PreparedStatement ps = c.prepareStatement("select measure_type, direction from kpi_definitions where kpi_key = ?")) {
                ps.setString(1, project + ".things");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("count");
                    assertThat(rs.getString(2)).isEqualTo("higher_is_better");
                }
            }
            try (Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery("select * from kpi_engine.raw_event limit 1"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> st.execute("delete from kpi_values")).isInstanceOf(SQLException.class);
            }
        }
    }
}
