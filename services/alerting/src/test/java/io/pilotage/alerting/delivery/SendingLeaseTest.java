package io.pilotage.alerting.delivery;

import io.pilotage.alerting.evaluation.AlertRow;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of interrupted deliveries, as every replica runs it at start-up and on each tick: a
 * delivery claimed moments ago (another replica's, in flight) is left alone; one claimed longer
 * ago than the lease (its process died) becomes {@code interrupted}, never to be sent again.
 */
@QuarkusTest
class SendingLeaseTest {

    @Inject
    Pool pool;

    @Inject
    Dispatcher dispatcher;

    private String status(String dedupe) {
        return pool.preparedQuery("select status from notification where dedupe_key = $1").execute(Tuple.of(dedupe))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("status");
    }

    @Test
    void aDeliveryInFlightIsLeftAloneAndOneOlderThanTheLeaseIsInterrupted() {
        String project = "it-lease-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "threshold-critical:" + project + "/" + project + ".rate";
        String alert = AlertRow.idOf(key);
        pool.preparedQuery("""
                        insert into alert (id, key, rule_id, rule_kind, project, kpi, severity, state, consecutive, since,
                          episode, updated_at)
                        values ($1, $2, 'threshold-critical', 'threshold', $3, $4, 'critical', 'FIRING', 1, now(), 1, now())""")
                .execute(Tuple.of(alert, key, project, project + ".rate")).await().atMost(Duration.ofSeconds(10));
        String fresh = "lease-fresh-" + project;
        String stale = "lease-stale-" + project;
        for (String[] n : new String[][] {{fresh, "0 seconds"}, {stale, "1 hour"}}) {
            pool.preparedQuery("""
                            insert into notification (dedupe_key, alert_id, episode, subscription_id, project, kind, status,
                              attempts, next_attempt_at, created_at, claimed_at, snapshot)
                            values ($1, $2, 1, 'lease-test', $3, 'firing', 'sending', 1, now(), now(),
                              now() - $4::text::interval, '{}'::jsonb)""")
                    .execute(Tuple.of(n[0], alert, project, n[1])).await().atMost(Duration.ofSeconds(10));
        }

        dispatcher.sweepInterrupted().await().atMost(Duration.ofSeconds(10));

        assertThat(status(fresh)).as("claimed just now: another replica's delivery in flight").isEqualTo("sending");
        assertThat(status(stale)).as("claimed an hour ago: its process died").isEqualTo("interrupted");
        // leave nothing 'sending' behind for the other tests' sweeps
        pool.preparedQuery("update notification set status = 'dead' where dedupe_key = $1").execute(Tuple.of(fresh))
                .await().atMost(Duration.ofSeconds(10));
    }
}
