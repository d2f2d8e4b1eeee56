package io.pilotage.alerting;

import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.rule.Rules;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Loads definitions and rules, and settles deliveries a previous process left in flight, before
 * the Kafka consumers start (priority 10 runs before the messaging lifecycle).
 */
public class Startup {

    void onStart(@Observes @jakarta.annotation.Priority(10) StartupEvent event, Definitions definitions, Rules rules, Dispatcher dispatcher) {
        definitions.load().chain(rules::load).chain(dispatcher::start).await().atMost(Duration.ofSeconds(60));
    }
}
