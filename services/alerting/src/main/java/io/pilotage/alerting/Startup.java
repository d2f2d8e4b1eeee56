package io.pilotage.alerting;

import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.delivery.Dispatcher;
import io.pilotage.alerting.notification.OwnerSubscriber;
import io.pilotage.alerting.rule.Rules;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Loads definitions and rules, settles deliveries a previous process left in flight and brings the
 * owners' default subscriptions up to date, before
 * the Kafka consumers start (priority 10 runs before the messaging lifecycle).
 */
public class Startup {

    void onStart(@Observes @jakarta.annotation.Priority(10) StartupEvent event, Definitions definitions, Rules rules,
                 Dispatcher dispatcher, OwnerSubscriber owners) {
        definitions.load().chain(rules::load).chain(dispatcher::start)
                .chain(() -> owners.syncAll().onFailure().recoverWithNull())
                .await().atMost(Duration.ofSeconds(60));
    }
}
