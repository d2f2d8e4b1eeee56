package io.pilotage.kpi.explain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as people read them: at most 2 decimals (trailing zeros dropped), thousands grouped
 * ({@code 250,000.5} in English, {@code 250 000,5} in French, with plain spaces), followed by the
 * unit ({@code 71 %}, {@code 3.5 h}, {@code 1,200 XOF}; a {@code count} has none).
 */
public final class Numbers {

    private Numbers() {
    }

    /** The number alone, in {@code fr} or {@code en}. */
    public static String plain(double value, String language) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        boolean fr = "fr".equals(language);
        symbols.setDecimalSeparator(fr ? ',' : '.');
        symbols.setGroupingSeparator(fr ? ' ' : ',');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat("#,##0.##", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        String s = format.format(BigDecimal.valueOf(value));
        return "-0".equals(s) ? "0" : s;
    }

    /** The number with its unit. */
    public static String withUnit(double value, String unit, String language) {
        String n = plain(value, language);
        if (unit == null || unit.isBlank() || "count".equals(unit)) {
            return n;
        }
        return n + " " + unit;
    }
}
