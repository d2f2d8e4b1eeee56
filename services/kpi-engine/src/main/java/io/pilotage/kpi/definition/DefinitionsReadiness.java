package io.pilotage.kpi.definition;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the KPI definitions have been read: before that no event is applied. */
@Readiness
@ApplicationScoped
public class DefinitionsReadiness implements HealthCheck {

    private final DefinitionsListener listener;

    public DefinitionsReadiness(DefinitionsListener listener) {
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kpi-definitions").status(listener.isCaughtUp()).build();
    }
}
