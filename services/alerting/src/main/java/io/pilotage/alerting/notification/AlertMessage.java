package io.pilotage.alerting.notification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message to one subscription: the notifications of one project grouped together, in the
 * subscription's language. Renders itself for each channel (plain Java, no I/O).
 *
 * @param project          the project the group is about
 * @param language         {@code fr} or {@code en}
 * @param items            what is announced, in order
 * @param publicUrl the gateway's public URL: the links lead to the KPI's page in the console
 */
public record AlertMessage(String project, String language, List<Item> items, String publicUrl) {

    public AlertMessage {
        items = List.copyOf(items);
    }

    /** @param notificationId the notification log id; {@code kind} why it is sent */
    public record Item(long notificationId, NotificationKind kind, AlertSnapshot alert) {
    }

    private String w(String key) {
        return Messages.word(language, key);
    }

    /**
     * The KPI's page in the console for the period of the alert's value: the month it falls in, or
     * its quarter for a quarterly value (the console's periods); an alert of no KPI (a silent
     * source, a failing channel) links to its own page there. A browser that follows it signs in
     * and lands there.
     */
    public String kpiPageLink(AlertSnapshot a) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (a.kpi() == null || a.kpi().isBlank()) {
            return base + "/console/alerts/" + a.alertId();
        }
        String link = base + "/console/kpis/" + java.net.URLEncoder.encode(a.kpi(), java.nio.charset.StandardCharsets.UTF_8);
        if (a.periodStart() != null) {
            java.time.LocalDate d = a.periodStart();
            link += "?period=" + ("quarter".equals(a.granularity()) ? d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1)
                    : d.toString().substring(0, 7));
        }
        return link;
    }

    public static String number(Double v) {
        if (v == null) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private String withUnit(Double v, String unit) {
        String n = number(v);
        if (n == null) {
            return w("none");
        }
        return unit == null || unit.isBlank() ? n : n + " " + unit;
    }

    /** A line per item: its label (FIRING, RESOLVED, ... in the language), then the KPI name. */
    public String headline(Item i) {
        return "[" + w(i.kind().wireName()) + "] " + i.alert().displayName(language) + " (" + w(i.alert().severity())
                + ")";
    }

    /** The e-mail subject: the whole group in one line. */
    public String subject() {
        if (items.size() == 1) {
            return "[Pilotage] " + project + ": " + headline(items.getFirst());
        }
        long problems = items.stream().filter(i -> i.kind().problem()).count();
        long resolved = items.size() - problems;
        StringBuilder s = new StringBuilder("[Pilotage] ").append(project).append(": ");
        if (problems > 0) {
            s.append(problems).append(' ').append(w("firing"));
        }
        if (resolved > 0) {
            s.append(problems > 0 ? ", " : "").append(resolved).append(' ').append(w("resolved"));
        }
        return s.toString();
    }

    /** The facts of one item, label → text, in display order (shared by every channel). */
    public Map<String, String> facts(Item i) {
        AlertSnapshot a = i.alert();
        Map<String, String> f = new LinkedHashMap<>();
        f.put(w("kpi"), a.displayName(language) + (a.kpi() != null ? " (" + a.kpi() + ")" : ""));
        f.put(w("value"), withUnit(a.value(), a.unit()));
        f.put(w("target"), withUnit(a.target(), a.unit()));
        f.put(w("threshold"), withUnit(a.threshold(), a.unit()));
        f.put(w("status"), w(i.kind().wireName()) + " · " + w(a.severity())
                + (a.acknowledgedBy() != null ? " · " + w("acknowledged") + " " + a.acknowledgedBy() : ""));
        f.put(w("trend"), a.trend() == null ? w("none") : w(a.trend()));
        f.put(w("period"), a.periodStart() == null ? w("none")
                : a.granularity() + " " + a.periodStart() + (a.periodEnd() != null ? " → " + a.periodEnd() : ""));
        return f;
    }

    /** Slack Block Kit: a header, then per alert a section of fields and a link to the KPI's page. */
    public Map<String, Object> slack() {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text",
                truncate(subject(), 150), "emoji", true)));
        for (Item i : items) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + headline(i) + "*")));
            List<Object> fields = new ArrayList<>();
            facts(i).forEach((k, v) -> fields.add(Map.of("type", "mrkdwn", "text", "*" + k + "*\n" + v)));
            blocks.add(Map.of("type", "section", "fields", fields.subList(0, Math.min(10, fields.size()))));
            blocks.add(Map.of("type", "actions", "elements", List.of(Map.of("type", "button",
                    "text", Map.of("type", "plain_text", "text", w("scorecard")), "url", kpiPageLink(i.alert())))));
        }
        return Map.of("text", subject(), "blocks", blocks);
    }

    /** The generic webhook's JSON body: machine-readable, one entry per notification. */
    public Map<String, Object> webhook() {
        List<Object> alerts = new ArrayList<>();
        for (Item i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("notificationId", i.notificationId());
            m.put("kind", i.kind().wireName());
            m.put("alert", i.alert());
            m.put("scorecard", kpiPageLink(i.alert()));
            alerts.add(m);
        }
        return Map.of("project", project, "summary", subject(), "notifications", alerts);
    }

    /** Plain text (the e-mail's text part is rendered from a template with the same facts). */
    public String text() {
        StringBuilder s = new StringBuilder(w("intro")).append(' ').append(project).append("\n\n");
        for (Item i : items) {
            s.append(headline(i)).append('\n');
            facts(i).forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append('\n'));
            s.append("  ").append(kpiPageLink(i.alert())).append("\n\n");
        }
        return s.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
