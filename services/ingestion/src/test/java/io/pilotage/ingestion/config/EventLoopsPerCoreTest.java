package io.pilotage.ingestion.config;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EventLoopsPerCoreTest {

    @Inject
    Vertx vertx;

    @Test
    void theServiceRunsOneEventLoopPerCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ConfigProvider.getConfig().getValue(EventLoopsPerCore.PROPERTY, Integer.class)).isEqualTo(cores);
        // contexts are given event loops in turn: twice as many contexts meet every loop there is, and no more
        Set<Thread> loops = ConcurrentHashMap.newKeySet();
        CountDownLatch seen = new CountDownLatch(cores * 4);
        for (int i = 0; i < cores * 4; i++) {
            ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext().runOnContext(v -> {
                loops.add(Thread.currentThread());
                seen.countDown();
            });
        }
        assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loops).hasSize(cores);
    }

    @Test
    void itIsOnlyADefaultThatConfigurationOverrides() {
        EventLoopsPerCore source = new EventLoopsPerCore();
        assertThat(source.getOrdinal()).as("below application.properties, the environment and system properties")
                .isLessThan(250);
        assertThat(source.getValue("quarkus.http.port")).isNull();
    }
}
