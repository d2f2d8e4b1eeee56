package io.pilotage.ingestion.rest;

import io.pilotage.ingestion.event.BoundedJsonReader.LimitExceededException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body-size limit ({@code quarkus.http.limits.max-body-size}, 10 MiB by default) answered as an
 * RFC 9457 problem: a {@code POST} whose {@code Content-Length} announces more is refused at once
 * with a 413 naming the limit, before authentication and before a byte of it is used (Quarkus's own
 * check, further on, answers an empty 413). A body sent in chunks, without a length, is counted as
 * it arrives by whoever reads it: {@link EventsRoute} answers this same problem; the JAX-RS
 * resources (CSV, CloudEvents, the source adapters) answer Quarkus's 413 without a body.
 */
@ApplicationScoped
public class BodyLimit {

    static final String LIMIT = "maxBodySize";

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    long maxBytes() {
        return maxBytes;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 11).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (rc.request().method() == HttpMethod.POST && length != null && tooLong(length)) {
            refuse(rc);
            return;
        }
        rc.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;   // a malformed length is the HTTP codec's to refuse
        }
    }

    /**
     * Reads the rest of a refused request's body and drops it: a client still sending gets to read
     * the answer, and nothing is kept. Past as much again as the limit, or (when {@code closeAtEnd})
     * once the request ends, the connection is closed.
     */
    void dropRest(RoutingContext rc, boolean closeAtEnd) {
        long[] dropped = {0};
        rc.request().handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxBytes) {
                rc.request().connection().close();
            }
        });
        rc.request().endHandler(end -> {
            if (closeAtEnd) {
                rc.request().connection().close();
            }
        });
        rc.request().resume();
    }

    /**
     * Answers the 413 problem with {@code Connection: close}; the rest of the body is dropped
     * ({@link #dropRest}: closing at once would break the client's write before it reads).
     */
    void refuse(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        dropRest(rc, true);
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProblemMapper.write(rc, ProblemMapper.answer(new LimitExceededException(LIMIT, "(body)", 413,
                "the body is larger than " + maxBytes + " bytes; split it"), rc.request().path()));
    }
}
