package io.pilotage.contracts;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SafeCsvTest {

    private static List<CSVRecord> read(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    @Test
    void formulaLookingTextIsNeutralisedAndNumbersAreNot() throws IOException {
        String csv = SafeCsv.write(List.of("a", "b", "c", "d", "e", "f"), List.of(
                Arrays.asList("=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "-2+3", "\tx", "plain"),
                Arrays.asList(-12.5, "-12.5", "1e-3", null, "", "a,b \"quoted\"\nline")));

        List<CSVRecord> rows = read(csv);
        assertThat(csv).endsWith("\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).toList()).containsExactly("'=HYPERLINK(\"http://x\")", "'+1+1", "'@SUM(A1)", "'-2+3", "'\tx", "plain");
        assertThat(rows.get(2).toList()).containsExactly("-12.5", "-12.5", "1e-3", "", "", "a,b \"quoted\"\nline");
    }
}
