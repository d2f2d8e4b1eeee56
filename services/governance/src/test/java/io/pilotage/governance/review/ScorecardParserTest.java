package io.pilotage.governance.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScorecardParserTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEnginesScorecardLinesAreReadFromTheirCurrentValue() throws Exception {
        String engine = """
                {"project":"erp","period":{"granularity":"month","start":"2026-12-01","end":"2026-12-31"},
                 "kpis":[{"key":"erp.audit_errors","name":"Errors found in audit","unit":"count","direction":"lower_is_better",
                   "target":5.0,
                   "current":{"kpi":"erp.audit_errors","project":"erp","period":{"granularity":"month","start":"2026-12-01",
                     "end":"2026-12-31"},"value":25.0,"unit":"count","target":5.0,"status":"RED"},
                   "previous":{"kpi":"erp.audit_errors","value":4.0,"status":"GREEN"},"change":21.0,"trend":"up","improving":false}]}""";
        List<ScorecardKpi> kpis = ScorecardParser.parse(json.readTree(engine), "erp");
        assertThat(kpis).singleElement().satisfies(k -> {
            assertThat(k.kpi()).isEqualTo("erp.audit_errors");
            assertThat(k.value()).isEqualTo(25.0);
            assertThat(k.status()).isEqualTo("RED");
            assertThat(k.target()).isEqualTo(5.0);
            assertThat(k.unit()).isEqualTo("count");
            assertThat(k.period()).isEqualTo("2026-12-01..2026-12-31");
            assertThat(k.trend().asText()).isEqualTo("up");
        });
    }

    @Test
    void aPlainListOfValuesIsReadAsItIs() throws Exception {
        String values = """
                [{"kpi":"erp.uptime","project":"erp","value":99.1,"unit":"%","target":99.5,"status":"amber"}]""";
        assertThat(ScorecardParser.parse(json.readTree(values), "erp")).singleElement().satisfies(k -> {
            assertThat(k.value()).isEqualTo(99.1);
            assertThat(k.status()).isEqualTo("AMBER");
        });
    }
}
