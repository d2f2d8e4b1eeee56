package io.pilotage.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class ForwardedHeadersTest {

    @Test
    void forwardsEndToEndHeadersAndDropsHopByHopOnes() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer abc")
                .add("Content-Type", "application/json")
                .add("Content-Length", "12")
                .add("Accept", "text/csv")
                .add("Accept", "application/json")
                .add("Host", "gateway.example")
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "drop me")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Authorization", "Basic xyz")
                .add("Proxy-Connection", "keep-alive")
                .add("TE", "trailers")
                .add("Trailer", "X-Checksum")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c")
                .add("Expect", "100-continue")
                .add("X-Request-Id", "client-id")
                .add("X-Custom", "kept");

        MultiMap upstream = ForwardedHeaders.upstream(client);

        assertThat(upstream.names()).containsExactlyInAnyOrder(
                "Authorization", "Content-Type", "Content-Length", "Accept", "X-Custom");
        assertThat(upstream.getAll("Accept")).containsExactly("text/csv", "application/json");
        assertThat(upstream.get("authorization")).isEqualTo("Bearer abc");
    }

    @Test
    void relaysTheUpstreamsHeadersButItsRequestId() {
        MultiMap service = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/problem+json")
                .add("Content-Length", "99")
                .add("Location", "/alerts/1")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("connection", "close")
                .add("transfer-encoding", "chunked")
                .add("x-request-id", "whatever");

        MultiMap relayed = ForwardedHeaders.downstream(service);

        assertThat(relayed.names()).containsExactlyInAnyOrder("Content-Type", "Content-Length", "Location", "Set-Cookie");
        assertThat(relayed.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void knowsTheHopByHopHeaders() {
        assertThat(ForwardedHeaders.isHopByHop("Transfer-Encoding")).isTrue();
        assertThat(ForwardedHeaders.isHopByHop("keep-alive")).isTrue();
        assertThat(ForwardedHeaders.isHopByHop("Authorization")).isFalse();
    }
}
