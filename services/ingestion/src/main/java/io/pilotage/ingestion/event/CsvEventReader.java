package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.ingestion.event.BoundedJsonReader.LimitExceededException;
import io.pilotage.ingestion.event.BoundedJsonReader.MalformedBodyException;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /events/csv}: RFC 4180 CSV with a header row (Apache Commons CSV), each line mapped
 * to a canonical event. A column maps to the canonical field of the same name ({@code id},
 * {@code source}, {@code project}, {@code type}, {@code occurredAt}, {@code entity},
 * {@code subject}, {@code value}, {@code attributes.<name>}) unless the mapping says otherwise
 * ({@code column → field}); {@code constants} set a field for every line (e.g. {@code source},
 * {@code project}). Unmapped columns are ignored. {@code value} is parsed as a number; every
 * other field stays text. Limits: lines ({@code maxItems}, 413), columns ({@code maxMembers}),
 * cell length ({@code maxStringLength}).
 */
public final class CsvEventReader {

    private static final Set<String> FIELDS = Set.of("id", "source", "project", "type", "occurredAt", "entity", "subject",
            "value");

    /** The lines as items, and each item's line number in the file (the header is line 1). */
    public record Lines(Body body, List<Long> lineNumbers) {
    }

    private static final java.util.regex.Pattern PADDING = java.util.regex.Pattern.compile("^[ \t]+|[ \t]+$");

    private final BoundedJsonReader.Limits limits;

    public CsvEventReader(BoundedJsonReader.Limits limits) {
        this.limits = limits;
    }

    public Lines read(Reader csv, Map<String, String> columnToField, Map<String, String> constants) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .get();
        List<Item> items = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new MalformedBodyException("the CSV has no header row");
            }
            if (header.size() > limits.maxMembers()) {
                throw new LimitExceededException("maxMembers", "(header)", 400,
                        "the CSV has more than " + limits.maxMembers() + " columns");
            }
            Map<String, String> fieldOf = new LinkedHashMap<>();
            for (String column : header) {
                String field = columnToField.getOrDefault(column, column);
                if (FIELDS.contains(field) || (field.startsWith("attributes.") && field.length() > 11)) {
                    fieldOf.put(column, field);
                }
            }
            for (CSVRecord record : parser) {
                if (items.size() >= limits.maxItems()) {
                    throw new LimitExceededException("maxItems", "(body)", 413,
                            "a CSV import carries at most " + limits.maxItems() + " lines; split it");
                }
                long line = parser.getCurrentLineNumber();
                lines.add(line);
                if (!record.isConsistent()) {
                    items.add(new Item(null, "line " + line + " has " + record.size() + " cells, the header "
                            + header.size()));
                    continue;
                }
                items.add(new Item(event(record, fieldOf, constants, line), null));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new MalformedBodyException("malformed CSV: " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MalformedBodyException("malformed CSV: " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw new MalformedBodyException("the CSV has a header but no line");
        }
        return new Lines(new Body(true, items), lines);
    }

    private ObjectNode event(CSVRecord record, Map<String, String> fieldOf, Map<String, String> constants, long line) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        constants.forEach((field, value) -> put(e, field, value));
        fieldOf.forEach((column, field) -> {
            // spaces around a cell are padding; anything else (a NUL, a control character) is kept for validation to name
            String cell = PADDING.matcher(record.get(column)).replaceAll("");
            if (cell.length() > limits.maxStringLength()) {
                throw new LimitExceededException("maxStringLength", "line " + line + "." + column, 400,
                        "line " + line + ", column " + column + " is longer than " + limits.maxStringLength() + " characters");
            }
            if (!cell.isEmpty()) {
                put(e, field, cell);
            }
        });
        return e;
    }

    private static void put(ObjectNode e, String field, String text) {
        if (field.startsWith("attributes.")) {
            ObjectNode attributes = e.has("attributes") ? (ObjectNode) e.get("attributes") : e.putObject("attributes");
            attributes.put(field.substring(11), text);
        } else if (field.equals("value")) {
            try {
                e.put("value", Double.parseDouble(text.replace(',', '.')));
            } catch (NumberFormatException notANumber) {
                e.put("value", text); // the validator names it
            }
        } else {
            e.put(field, text);
        }
    }
}
