package io.pilotage.console.view;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Numbers and dates as the reader's locale writes them, times in the KPI's time zone. */
public record Formats(Locale locale, ZoneId zone) {

    /** {@code 71.234, "%"} → "71,23 %" (fr) or "71.23 %" (en); {@code 231877, "users"} → "231 877 users"; null → "—". */
    public String number(Double value, String unit) {
        if (value == null || value.isNaN()) {
            return "—";
        }
        String n = plain(value);
        if (unit == null || unit.isBlank()) {
            return n;
        }
        return "%".equals(unit) || "percent".equals(unit) ? n + " %" : n + " " + unit;
    }

    /** The number alone, at most 2 decimals (none from 1 000 up), grouped as the locale does. */
    public String plain(Double value) {
        if (value == null || value.isNaN()) {
            return "—";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setRoundingMode(RoundingMode.HALF_UP);
        f.setMaximumFractionDigits(Math.abs(value) >= 1000 ? 0 : 2);
        f.setMinimumFractionDigits(0);
        // the narrow no-break space of the French grouping reads as a space everywhere
        return f.format(value).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** A signed percentage: "+3,2 %", "−12 %". */
    public String signedPercent(Double percent) {
        if (percent == null || percent.isNaN()) {
            return "";
        }
        String n = plain(Math.abs(percent));
        return (percent > 0 ? "+" : percent < 0 ? "−" : "±") + n + " %";
    }

    /** "7 déc. 2026, 14:05" in the zone. */
    public String dateTime(Instant at) {
        if (at == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone)
                .format(at).replace('\u202f', ' ');
    }

    /** The machine-readable form for {@code <time datetime>}: ISO-8601 with the zone's offset. */
    public String iso(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone).format(at);
    }

    public String date(LocalDate day) {
        if (day == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
    }

    /** How long ago, coarse: "12 min", "3 h", "2 j" / "2 d". */
    public String age(Duration d) {
        if (d == null) {
            return "—";
        }
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h";
        }
        return minutes / (24 * 60) + ("fr".equals(locale.getLanguage()) ? " j" : " d");
    }
}
