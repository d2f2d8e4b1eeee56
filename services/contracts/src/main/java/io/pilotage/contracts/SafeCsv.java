package io.pilotage.contracts;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every CSV export of the platform: RFC 4180 (CRLF, quotes where needed) written by Commons CSV,
 * each cell safe to open in a spreadsheet. A text cell beginning with {@code = + - @}, a tab or a
 * carriage return, which Excel, LibreOffice and Google Sheets would run as a formula (CSV
 * injection, OWASP), is written with a leading apostrophe; numbers, and text that is a plain
 * number such as {@code -12.5}, are written as they are.
 */
public final class SafeCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SafeCsv() {
    }

    /** A header row, then one row per list of cells ({@code null}: an empty cell). */
    public static String write(List<String> header, Iterable<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header.stream().map(SafeCsv::cell).toList());
            for (List<?> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object o : row) {
                    cells.add(cell(o));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** One cell as written, before CSV quoting: numbers as they are, formula-looking text neutralised. */
    public static String cell(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (o instanceof Number || s.isEmpty() || FORMULA_STARTS.indexOf(s.charAt(0)) < 0 || PLAIN_NUMBER.matcher(s).matches()) {
            return s;
        }
        return "'" + s;
    }
}
