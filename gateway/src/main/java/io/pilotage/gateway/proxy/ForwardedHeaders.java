package io.pilotage.gateway.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. Everything end-to-end is forwarded as it is, both ways
 * ({@code Authorization}, {@code Content-Type}, {@code Accept}, ...); the hop-by-hop headers of
 * RFC 9110 §7.6.1 are dropped, and so is every header the {@code Connection} header names.
 * {@code Host} is set by the HTTP client for the upstream, {@code Expect} is answered by the
 * gateway, and {@code X-Request-Id} and the {@code X-Forwarded-*} headers are the gateway's to set.
 */
public final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Never taken from the client: the gateway's own ({@code X-Request-Id}), and what only the
     * gateway may tell a service about the connection ({@code X-Forwarded-*}, {@code Forwarded},
     * {@code X-Real-IP}): a client must not be able to pose as another address or scheme.
     */
    private static final Set<String> NOT_FORWARDED_UPSTREAM = Set.of("host", "expect", "x-request-id",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-prefix", "x-forwarded-server", "x-real-ip");

    private static final Set<String> NOT_RELAYED_DOWNSTREAM = Set.of("x-request-id");

    /** Dropped on the way up: hop-by-hop or not the client's to say (one set: one look-up per header). */
    private static final Set<String> DROPPED_UPSTREAM = union(HOP_BY_HOP, NOT_FORWARDED_UPSTREAM);

    /** Dropped on the way down. */
    private static final Set<String> DROPPED_DOWNSTREAM = union(HOP_BY_HOP, NOT_RELAYED_DOWNSTREAM);

    private ForwardedHeaders() {
    }

    /** The client's headers to send upstream (before the gateway adds its own). */
    public static MultiMap upstream(MultiMap clientHeaders) {
        return filter(clientHeaders, DROPPED_UPSTREAM);
    }

    /** The upstream response's headers to relay to the client. */
    public static MultiMap downstream(MultiMap upstreamHeaders) {
        return filter(upstreamHeaders, DROPPED_DOWNSTREAM);
    }

    /** Whether a header name is hop-by-hop in itself (whatever {@code Connection} says). */
    public static boolean isHopByHop(String name) {
        return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static MultiMap filter(MultiMap headers, Set<String> dropped) {
        Set<String> namedByConnection = connectionTokens(headers);
        MultiMap kept = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!dropped.contains(name) && (namedByConnection.isEmpty() || !namedByConnection.contains(name))) {
                kept.add(header.getKey(), header.getValue());
            }
        }
        return kept;
    }

    private static Set<String> connectionTokens(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null) {
            return Set.of();
        }
        Set<String> tokens = null;
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    if (tokens == null) {
                        tokens = new HashSet<>();
                    }
                    tokens.add(name);
                }
            }
        }
        return tokens == null ? Set.of() : tokens;
    }
}
