package io.pilotage.gateway.config;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** {@code pilotage.routes.<service>.url}: the base URL of each service the gateway forwards to. */
@ConfigMapping(prefix = "pilotage.routes")
public interface RoutesConfig {

    /** Keyed by the service's name: {@code ingestion}, {@code kpi-engine}, {@code alerting}, {@code governance}. */
    @WithParentName
    Map<String, Target> services();

    interface Target {
        /** Base URL, e.g. {@code http://127.0.0.1:8081}; a path prefix, if any, is prepended to forwarded paths. */
        URI url();
    }
}
