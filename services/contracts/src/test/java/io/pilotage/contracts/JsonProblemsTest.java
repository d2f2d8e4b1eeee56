package io.pilotage.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonProblemsTest {

    record Rule(String name, Double min) {
        Rule {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    record Body(LocalDate day, List<Rule> rules) {
    }

    private static Problem problemOf(String json) {
        ObjectMapper mapper = JsonCodec.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
        return JsonProblems.invalidBody(e, "/things");
    }

    @Test
    void aWrongValueNamesItsFieldByPathAndTheShapeExpected() {
        Problem p = problemOf("{\"day\":\"2026-11-02\",\"rules\":[{\"name\":\"a\",\"min\":1},{\"name\":\"b\",\"min\":\"lots\"}]}");

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.instance()).isEqualTo("/things");
        assertThat(p.errors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("rules[1].min");
            assertThat(f.reason()).isEqualTo("invalid value 'lots': expected Double");
        });
        assertThat(problemOf("{\"day\":\"02/11/2026\"}").errors().getFirst().reason())
                .isEqualTo("invalid value '02/11/2026': expected a date YYYY-MM-DD");
    }

    @Test
    void anUnknownPropertyAndAConstructorsRefusalAreSaidInWords() {
        assertThat(problemOf("{\"rules\":[{\"nmae\":\"a\"}]}").errors().getFirst())
                .satisfies(f -> assertThat(f.reason()).isEqualTo("unknown property 'nmae'"));
        assertThat(problemOf("{\"rules\":[{\"name\":\" \"}]}").errors().getFirst())
                .satisfies(f -> {
                    assertThat(f.field()).isEqualTo("rules[0]");
                    assertThat(f.reason()).isEqualTo("name must not be blank");
                });
    }

    @Test
    void malformedJsonIsAProblemOfTheBody() {
        Problem p = problemOf("{\"day\": ");

        assertThat(p.detail()).startsWith("malformed JSON body: ");
        assertThat(p.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("body"));
        assertThat(p.detail()).doesNotContain("at [Source");
    }
}
