package io.pilotage.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Locale;

/**
 * One record of the compacted topic {@code pilotage.definitions.v1}: the current version of a KPI
 * definition, a project or a source. Exactly one of {@code kpi}, {@code project}, {@code source}
 * is set, matching {@code kind}. A record with a null value (a Kafka tombstone) under the same key
 * deletes the definition.
 *
 * @param kind      what this record defines
 * @param version   monotonically increasing per key, starting at 1
 * @param updatedAt when this version was made
 * @param updatedBy who made it (a Keycloak username, or {@code system} for the seed catalogue)
 * @param reason    why (free text, optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Definition(Kind kind, int version, Instant updatedAt, String updatedBy, String reason,
                         KpiDefinition kpi, ProjectDefinition project, SourceDefinition source) {

    public enum Kind {
        KPI, PROJECT, SOURCE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind parse(String text) {
            return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public Definition {
        int set = (kpi != null ? 1 : 0) + (project != null ? 1 : 0) + (source != null ? 1 : 0);
        if (kind == null || set != 1
                || (kind == Kind.KPI && kpi == null)
                || (kind == Kind.PROJECT && project == null)
                || (kind == Kind.SOURCE && source == null)) {
            throw new IllegalArgumentException("a definition carries exactly the one body its kind names");
        }
    }

    public static Definition of(KpiDefinition kpi, Instant at, String by, String reason) {
        return new Definition(Kind.KPI, kpi.version(), at, by, reason, kpi, null, null);
    }

    public static Definition of(ProjectDefinition project, int version, Instant at, String by, String reason) {
        return new Definition(Kind.PROJECT, version, at, by, reason, null, project, null);
    }

    public static Definition of(SourceDefinition source, int version, Instant at, String by, String reason) {
        return new Definition(Kind.SOURCE, version, at, by, reason, null, null, source);
    }

    /** The record key on the topic: {@code project/kpi}, {@code project:<key>}, {@code source:<id>}. */
    public String key() {
        return switch (kind) {
            case KPI -> kpiKey(kpi.project(), kpi.key());
            case PROJECT -> projectKey(project.key());
            case SOURCE -> sourceKey(source.id());
        };
    }

    public static String kpiKey(String project, String kpi) {
        return project + "/" + kpi;
    }

    public static String projectKey(String project) {
        return "project:" + project;
    }

    public static String sourceKey(String source) {
        return "source:" + source;
    }
}
