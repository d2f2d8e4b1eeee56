package io.pilotage.alerting.notification;

import java.util.Map;

/** The words of notifications, in French and English. */
public final class Messages {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "fr", Map.ofEntries(
                    Map.entry("firing", "ALERTE"), Map.entry("no_data", "SANS DONNÉES"),
                    Map.entry("resolved", "RÉSOLU"), Map.entry("repeat", "TOUJOURS EN ALERTE"),
                    Map.entry("unsilenced", "ALERTE (fin de silence)"),
                    Map.entry("kpi", "Indicateur"), Map.entry("value", "Valeur"), Map.entry("target", "Cible"),
                    Map.entry("threshold", "Seuil"), Map.entry("status", "Statut"), Map.entry("trend", "Tendance"),
                    Map.entry("period", "Période"), Map.entry("severity", "Gravité"),
                    Map.entry("scorecard", "Voir le tableau de bord"), Map.entry("project", "Projet"),
                    Map.entry("up", "en hausse"), Map.entry("down", "en baisse"), Map.entry("flat", "stable"),
                    Map.entry("none", "n/d"), Map.entry("warning", "avertissement"), Map.entry("critical", "critique"),
                    Map.entry("alerts", "alertes"), Map.entry("intro", "Alertes Pilotage pour le projet"),
                    Map.entry("acknowledged", "pris en charge par")),
            "en", Map.ofEntries(
                    Map.entry("firing", "FIRING"), Map.entry("no_data", "NO DATA"),
                    Map.entry("resolved", "RESOLVED"), Map.entry("repeat", "STILL FIRING"),
                    Map.entry("unsilenced", "FIRING (silence ended)"),
                    Map.entry("kpi", "KPI"), Map.entry("value", "Value"), Map.entry("target", "Target"),
                    Map.entry("threshold", "Threshold"), Map.entry("status", "Status"), Map.entry("trend", "Trend"),
                    Map.entry("period", "Period"), Map.entry("severity", "Severity"),
                    Map.entry("scorecard", "Open the scorecard"), Map.entry("project", "Project"),
                    Map.entry("up", "up"), Map.entry("down", "down"), Map.entry("flat", "flat"),
                    Map.entry("none", "n/a"), Map.entry("warning", "warning"), Map.entry("critical", "critical"),
                    Map.entry("alerts", "alerts"), Map.entry("intro", "Pilotage alerts for project"),
                    Map.entry("acknowledged", "acknowledged by")));

    private Messages() {
    }

    public static String word(String language, String key) {
        Map<String, String> w = WORDS.getOrDefault(language, WORDS.get("en"));
        return w.getOrDefault(key, key);
    }

    public static Map<String, String> all(String language) {
        return WORDS.getOrDefault(language, WORDS.get("en"));
    }
}
