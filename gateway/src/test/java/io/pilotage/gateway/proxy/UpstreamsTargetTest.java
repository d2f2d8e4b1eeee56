package io.pilotage.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UpstreamsTargetTest {

    @Test
    void readsHostPortAndScheme() {
        assertThat(Upstreams.Target.of(URI.create("http://127.0.0.1:8081")))
                .isEqualTo(new Upstreams.Target("127.0.0.1", 8081, false, ""));
        assertThat(Upstreams.Target.of(URI.create("https://kpi-engine.pilotage.svc")))
                .isEqualTo(new Upstreams.Target("kpi-engine.pilotage.svc", 443, true, ""));
        assertThat(Upstreams.Target.of(URI.create("http://alerting")))
                .isEqualTo(new Upstreams.Target("alerting", 80, false, ""));
    }

    @Test
    void keepsAPathPrefixWithoutItsTrailingSlash() {
        assertThat(Upstreams.Target.of(URI.create("http://governance:8080/api/")).pathPrefix()).isEqualTo("/api");
        assertThat(Upstreams.Target.of(URI.create("http://governance:8080/")).pathPrefix()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> Upstreams.Target.of(URI.create("ftp://x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Upstreams.Target.of(URI.create("http:///nohost"))).isInstanceOf(IllegalArgumentException.class);
    }
}
