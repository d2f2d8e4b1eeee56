package io.pilotage.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void statusProblemsCarryStandardTitlesAndTypes() {
        Problem p = Problem.forStatus(403, "role analyst may not post events", "/events");

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.title()).isEqualTo("Forbidden");
        assertThat(p.type().toString()).isEqualTo("https://pilotage.io/problems/forbidden");
        assertThat(JsonCodec.encodeToString(p)).doesNotContain("errors");
    }

    @Test
    void validationProblemListsFailingFields() {
        Problem p = Problem.invalid("1 field is invalid", "/events",
                List.of(new Problem.FieldError("occurredAt", "is required")));

        assertThat(JsonCodec.encodeToString(p))
                .contains("\"status\":400")
                .contains("\"errors\":[{\"field\":\"occurredAt\",\"reason\":\"is required\"}]");
    }

    @Test
    void unknownServerStatusIsAnInternalProblem() {
        assertThat(Problem.forStatus(500, "x", null).title()).isEqualTo("Internal error");
    }
}
