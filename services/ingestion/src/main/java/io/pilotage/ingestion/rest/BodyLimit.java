package io.pilotage.ingestion.rest;

import io.netty.buffer.Unpooled;
import io.pilotage.ingestion.event.BoundedJsonReader.LimitExceededException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
 * it arrives: {@link EventsRoute} reads its own (JSON and NDJSON events); every other request with a
 * chunked body (CSV, CloudEvents, the source adapters, Splunk HEC, quarantine fixes) is read here,
 * after authentication and before the JAX-RS resources, and answered this same problem past the
 * limit; within it the body is handed to RESTEasy whole, as a body handler would. (RESTEasy's own
 * reading, past the limit, answered a 413 without a body and then logged an ERROR as the resource's
 * answer found the response already written.)
 */
@ApplicationScoped
public class BodyLimit {

    static final String LIMIT = "maxBodySize";

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 11).handler(this::handle);
        // after EventsRoute (which reads JSON and NDJSON events itself), before the JAX-RS resources
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1).handler(this::readChunked);
    }

    /**
     * Reads a body sent in chunks (no {@code Content-Length}) whole, counting it; other requests go
     * on as they are. A caller without an identity is not read for (RESTEasy answers its 401 without
     * reading), except on the source routes, whose callers authenticate with the source's own secret
     * inside the resource.
     */
    private void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH) || !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.isEnded() || rc.body().buffer() != null) {
            rc.next();
            return;
        }
        String path = request.path();
        if (path.startsWith(SourceAdapterResource.PREFIX) || path.startsWith(HecResource.PATH)) {
            readForResource(rc);
            return;
        }
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> context.runOnContext(v -> {
                    if (identity == null || identity.isAnonymous()) {
                        rc.next();
                    } else {
                        readForResource(rc);
                    }
                }),
                failure -> context.runOnContext(v -> rc.next()));
    }

    /** Reads the body whole and hands it to the JAX-RS resource. */
    private void readForResource(RoutingContext rc) {
        if ("100-continue".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        read(rc).onSuccess(body -> {
            // wrapped, not copied; RESTEasy reads a body already there instead of the request
            rc.setBody(Buffer.buffer(Unpooled.wrappedBuffer(body.take())));
            rc.next();
        });   // a failure is answered already (past the limit) or has nobody to answer (the client went away)
    }

    /**
     * The whole body, counted as it arrives: past the limit (a body sent in chunks, whose length
     * {@link #handle} could not check up front) the request is answered 413 and the rest not read.
     * Each chunk is copied once, into one array sized from {@code Content-Length}. Quarkus hands the
     * request over paused; reading resumes it.
     */
    Future<BodyBytes> read(RoutingContext rc) {
        Promise<BodyBytes> read = Promise.promise();
        BodyBytes body = new BodyBytes(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        rc.request().handler(chunk -> {
            if (read.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBytes) {
                read.tryFail(new BodyTooLarge());
                refuse(rc);
                return;
            }
            body.append(chunk);
        });
        rc.request().endHandler(done -> read.tryComplete(body));
        rc.request().exceptionHandler(read::tryFail);
        rc.request().resume();
        return read.future();
    }

    /** The body went past the limit; its 413 is already answered. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
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
