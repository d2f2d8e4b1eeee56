package io.pilotage.console.web;

import io.pilotage.console.ConsoleConfig;
import io.pilotage.console.api.Alerting;
import io.pilotage.console.api.Governance;
import io.pilotage.console.api.Ingestion;
import io.pilotage.console.api.KpiEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The services the pages read and write, and the console's settings: one bean for every page. */
@ApplicationScoped
public class Backends {

    final KpiEngine engine;
    final Alerting alerting;
    final Governance governance;
    final Ingestion ingestion;
    final ConsoleConfig config;

    public Backends(@RestClient KpiEngine engine, @RestClient Alerting alerting, @RestClient Governance governance,
                    @RestClient Ingestion ingestion, ConsoleConfig config) {
        this.engine = engine;
        this.alerting = alerting;
        this.governance = governance;
        this.ingestion = ingestion;
        this.config = config;
    }

    /** The zone the pages show times in. */
    String zone() {
        return config.zone().getId();
    }
}
