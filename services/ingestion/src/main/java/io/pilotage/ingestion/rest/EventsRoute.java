package io.pilotage.ingestion.rest;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.ingestion.backfill.Backfill;
import io.pilotage.ingestion.backfill.BackfillAudit;
import io.pilotage.ingestion.event.EventBodyReader;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventIntake;
import io.pilotage.ingestion.event.IntakeReport;
import io.pilotage.ingestion.ratelimit.SourceRateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;

/**
 * {@code POST /events} with a JSON or NDJSON body, answered on a plain Vert.x route in front of
 * {@link EventsResource}: the same reading, authorization, rate limit, intake and answers (the
 * shared {@link IntakeResponses} and {@link ProblemMapper#answer}), without the per-request work of
 * the JAX-RS layer (request context, content negotiation, the security interceptor's pipeline,
 * writer lookup), which cost about as much CPU as the intake itself for one event per request.
 * Authentication is Quarkus's own: the identity the HTTP authentication mechanisms establish
 * ({@code CachedBearerMechanism}, then quarkus-oidc), refused when anonymous (401) or without role
 * {@code ingest} or {@code admin} (403). {@code ?backfill=true} makes it a history import, for
 * {@code admin} only (403 otherwise), audited ({@link BackfillAudit}).
 *
 * <p>Every other content type (CloudEvents, a wrong one for a 415) goes on to {@link EventsResource},
 * which also answers every request when {@code pilotage.ingestion.events-route.enabled} is false
 * and describes the endpoint in the OpenAPI document.
 */
@ApplicationScoped
public class EventsRoute {

    static final String PATH = "/events";

    private final EventIntake intake;
    private final BackfillAudit backfills;
    private final EventBodyReader reader;
    private final SourceRateLimiter rateLimiter;
    private final BodyLimit bodyLimit;
    private final boolean enabled;

    public EventsRoute(EventIntake intake, BackfillAudit backfills, EventBodyReader reader, SourceRateLimiter rateLimiter,
                       BodyLimit bodyLimit, @ConfigProperty(name = "pilotage.ingestion.events-route.enabled") boolean enabled) {
        this.intake = intake;
        this.backfills = backfills;
        this.reader = reader;
        this.rateLimiter = rateLimiter;
        this.bodyLimit = bodyLimit;
        this.enabled = enabled;
    }

    void install(@Observes Router router) {
        // after Quarkus's authentication and body-size handlers, before the JAX-RS resources
        router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String contentType = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        Boolean ndjson = kind(contentType);
        if (ndjson == null || !enabled) {
            // a Content-Type that is no media type made JAX-RS's choice among the resource's @Consumes throw (a 500)
            if (contentType != null && ndjson == null && !io.pilotage.contracts.MediaTypes.isConcrete(contentType)) {
                refuseMediaType(rc);
            } else {
                rc.next();
            }
            return;
        }
        List<String> flag = rc.queryParam(Backfill.PARAMETER);
        String backfill = flag.isEmpty() ? null : flag.getFirst();
        Context context = Vertx.currentContext();
        io.vertx.core.Future<BodyBytes> body = bodyLimit.read(rc);   // while the caller is authenticated
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> on(context, () -> authorized(rc, identity, body, ndjson, backfill)),
                failure -> on(context, () -> refuse(rc, ProblemMapper.answer(failure, PATH))));
    }

    private void refuseMediaType(RoutingContext rc) {
        io.pilotage.contracts.Problem p = io.pilotage.contracts.Problem.forStatus(415, "Content-Type must name the body's "
                + "media type (application/json, application/x-ndjson, application/cloudevents+json, "
                + "application/cloudevents-batch+json, text/csv), not a wildcard", PATH);
        refuse(rc, new ProblemMapper.Answer(new io.pilotage.contracts.Problem(p.type(), p.title(), p.status(), p.detail(), PATH,
                List.of(new io.pilotage.contracts.Problem.FieldError("Content-Type", "is not a media type")), null), 0));
    }

    /** True for NDJSON, false for JSON, null for any other content type (or none). */
    static Boolean kind(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case EventsResource.NDJSON -> true;
            case "application/json" -> false;
            default -> null;
        };
    }

    private void authorized(RoutingContext rc, SecurityIdentity identity, io.vertx.core.Future<BodyBytes> bodyRead,
                            boolean ndjson, String backfillParameter) {
        if (identity == null || identity.isAnonymous()) {
            refuse(rc, ProblemMapper.unauthenticated(PATH));
            return;
        }
        if (!identity.hasRole("ingest") && !identity.hasRole("admin")) {
            refuse(rc, ProblemMapper.answer(new io.quarkus.security.ForbiddenException(), PATH));
            return;
        }
        boolean backfill;
        try {
            backfill = Backfill.requested(backfillParameter);
        } catch (Backfill.InvalidFlag e) {
            refuse(rc, new ProblemMapper.Answer(e.problem(PATH), 0));
            return;
        }
        if (backfill && !identity.hasRole(Backfill.ROLE)) {
            refuse(rc, new ProblemMapper.Answer(Backfill.forbidden(PATH), 0));
            return;
        }
        bodyRead.onComplete(read -> {
            if (read.failed()) {
                if (!(read.cause() instanceof BodyLimit.BodyTooLarge)) {
                    fail(rc, read.cause());
                }
                return;
            }
            Body body;
            try {
                byte[] bytes = read.result().take();
                body = ndjson ? reader.readNdjson(bytes) : reader.readJson(bytes);
            } catch (RuntimeException e) {
                fail(rc, e);
                return;
            }
            SourceRateLimiter.Refusal refused = rateLimiter.refusal(body.items());
            if (refused != null) {
                write(rc, ProblemMapper.answer(refused));
                return;
            }
            Context context = Vertx.currentContext();
            // the answer needs only this: the parsed items are not kept while the ledger and the broker answer
            boolean batch = body.batch();
            try {
                (backfill ? backfills.importHistory(body, null, identity.getPrincipal().getName(), PATH) : intake.ingest(body))
                        .whenComplete((report, failure) -> on(context, () -> {
                    if (failure != null) {
                        fail(rc, IntakeResponses.classify(failure));
                    } else {
                        write(rc, IntakeResponses.answer(batch, report, PATH));
                    }
                }));
            } catch (RuntimeException e) {
                fail(rc, IntakeResponses.classify(e));
            }
        });
    }

    private static void fail(RoutingContext rc, Throwable failure) {
        if (rc.response().ended() || rc.response().closed()) {
            return;   // the client went away (a body cut short): nobody to answer, nothing to log
        }
        write(rc, ProblemMapper.answer(failure, PATH));
    }

    /** Answers a caller refused before its body is used; the rest of the body is dropped, not kept. */
    private void refuse(RoutingContext rc, ProblemMapper.Answer answer) {
        bodyLimit.dropRest(rc, false);
        write(rc, answer);
    }

    private static void write(RoutingContext rc, ProblemMapper.Answer answer) {
        ProblemMapper.write(rc, answer);
    }

    private static void write(RoutingContext rc, IntakeResponses.Answer answer) {
        byte[] json = answer.entity() instanceof IntakeReport report ? report.json() : JsonCodec.encode(answer.entity());
        ProblemMapper.end(rc, answer.status(), answer.mediaType(), json);
    }

    /** Runs {@code action} on {@code context} (the request's event loop), at once when already there. */
    private static void on(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
