package io.pilotage.contracts;

import java.util.List;

/** Kafka topic names of DESIGN §1. All JSON, versioned in the name. */
public final class Topics {

    /** Canonical events (§2.1). Key: {@link #eventKey(CanonicalEvent)}. */
    public static final String EVENTS = "pilotage.events.v1";
    /** Rejected events with their reasons. Key: source. */
    public static final String EVENTS_REJECTED = "pilotage.events.rejected.v1";
    /**
     * Compacted: current KPI definitions, projects, sources and their quality rules, each a
     * {@link io.pilotage.contracts.definition.Definition}. Key: {@link io.pilotage.contracts.definition.Definition#key()}.
     */
    public static final String DEFINITIONS = "pilotage.definitions.v1";
    /** Computed KPI values (§3.5). Key: {@code project/kpi}. */
    public static final String KPI_VALUES = "pilotage.kpi-values.v1";
    /** Alert state changes ({@link AlertEvent}). Key: alert id. */
    public static final String ALERTS = "pilotage.alerts.v1";

    /**
     * Compacted: each ingestion instance's per-source counters and last event time, each a
     * {@link SourceStatus}. Key: {@link SourceStatus#key()} ({@code <source>/<instance>}).
     */
    public static final String SOURCE_STATUS = "pilotage.source-status.v1";

    /**
     * The KPI engine's dead letters: records of {@link #EVENTS} (or {@link #DEFINITIONS}) it can
     * never apply, each a {@link DeadLetter}. Key: the original record's key.
     */
    public static final String KPI_ENGINE_DLQ = "pilotage.kpi-engine.dlq.v1";

    /**
     * Governance's dead letters: records of {@link #EVENTS_REJECTED} or {@link #SOURCE_STATUS} its
     * consumers could never apply, as they were, with SmallRye's {@code dead-letter-*} headers
     * (reason, topic, partition, offset).
     */
    public static final String GOVERNANCE_DLQ = "pilotage.governance.dlq.v1";

    /** The dead-letter topics, one per consuming service that dead-letters to Kafka. */
    public static final List<String> DEAD_LETTERS = List.of(KPI_ENGINE_DLQ, GOVERNANCE_DLQ);

    /**
     * Every topic, in the order of the design table, then the dead-letter topics. The harness, the
     * Strimzi topics and the ACLs declare exactly these (brokers do not create topics on demand).
     */
    public static final List<String> ALL = List.of(EVENTS, EVENTS_REJECTED, DEFINITIONS, KPI_VALUES, ALERTS,
            SOURCE_STATUS, KPI_ENGINE_DLQ, GOVERNANCE_DLQ);

    /** Topics that must be created with {@code cleanup.policy=compact}. */
    public static final List<String> COMPACTED = List.of(DEFINITIONS, SOURCE_STATUS);

    private Topics() {
    }

    /**
     * The record key of a canonical event: {@code project/entity}, else {@code project/subject},
     * else {@code project/id}. Per-entity (and per-subject) order holds, and a project's events
     * without entity spread over every partition instead of one.
     */
    public static String eventKey(CanonicalEvent event) {
        return event.project() + "/" + firstPresent(event.entity(), event.subject(), event.id());
    }

    private static String firstPresent(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }

    /** The record key of a KPI definition or value: {@code project/kpi}. */
    public static String kpiKey(String project, String kpi) {
        return project + "/" + kpi;
    }
}
