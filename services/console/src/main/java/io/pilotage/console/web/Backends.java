package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Alerting;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.Ingestion;
import io.pilotage.console.api.KpiEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The services the pages read and write, and the console's settings: one bean for every page. Read
 * through its methods: a field of a normal-scoped bean read through its client proxy is the proxy's
 * own, empty.
 */
@ApplicationScoped
public class Backends {

    private final KpiEngine engine;
    private final Alerting alerting;
    private final Governance governance;
    private final Ingestion ingestion;
    private final ConsoleConfig config;

    public Backends(@RestClient KpiEngine engine, @RestClient Alerting alerting, @RestClient Governance governance,
                    @RestClient Ingestion ingestion, ConsoleConfig config) {
        this.engine = engine;
        this.alerting = alerting;
        this.governance = governance;
        this.ingestion = ingestion;
        this.config = config;
    }

    KpiEngine engine() {
        return engine;
    }

    Alerting alerting() {
        return alerting;
    }

    Governance governance() {
        return governance;
    }

    Ingestion ingestion() {
        return ingestion;
    }

    ConsoleConfig config() {
        return config;
    }

    /** The zone the pages show times in. */
    String zone() {
        return config.zone().getId();
    }
}
