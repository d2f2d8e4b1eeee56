package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.ingestion.publish.KafkaEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** Wires the plain-Java intake pipeline from configuration. */
@ApplicationScoped
public class IntakeConfiguration {

    @Produces
    @ApplicationScoped
    EventIntake eventIntake(KafkaEventPublisher publisher,
                            @ConfigProperty(name = "pilotage.ingestion.max-future-skew") Duration maxFutureSkew,
                            @ConfigProperty(name = "pilotage.ingestion.pseudonym-secret") String pseudonymSecret) {
        Clock clock = Clock.systemUTC();
        return new EventIntake(new EventValidator(clock, maxFutureSkew), new SubjectPseudonymizer(pseudonymSecret),
                publisher::publish, clock);
    }

    @Produces
    @ApplicationScoped
    EventBodyReader eventBodyReader(ObjectMapper mapper,
                                    @ConfigProperty(name = "pilotage.ingestion.max-batch-items") int maxBatchItems) {
        return new EventBodyReader(mapper, maxBatchItems);
    }
}
