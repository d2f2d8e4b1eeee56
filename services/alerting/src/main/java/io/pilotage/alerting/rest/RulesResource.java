package io.pilotage.alerting.rest;

import io.pilotage.alerting.definition.Definitions;
import io.pilotage.alerting.rule.AlertRule;
import io.pilotage.alerting.rule.RuleKind;
import io.pilotage.alerting.rule.Rules;
import io.pilotage.alerting.rule.Severity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Path("/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rules", description = "Alert rules: two automatic threshold rules per KPI, plus custom ones")
public class RulesResource {

    private final Rules rules;
    private final Definitions definitions;
    private final Caller caller;

    public RulesResource(Rules rules, Definitions definitions, Caller caller) {
        this.rules = rules;
        this.definitions = definitions;
        this.caller = caller;
    }

    /**
     * @param kind     below, above, off_target_by, drop_vs_previous, no_data, source_silent
     * @param value    the bound (below/above) or percentage (off_target_by, drop_vs_previous)
     * @param forEvaluations consecutive breaching evaluations before firing (default 1)
     * @param duration ISO-8601 duration (no_data, source_silent), e.g. PT2H
     */
    public record Body(String id, String kind, String project, String kpi, String source, String severity, Double value,
                       Integer forEvaluations, String duration) {
    }

    static Body view(AlertRule r) {
        return new Body(r.id(), r.kind().wireName(), r.project(), r.kpi(), r.source(), r.severity().wireName(),
                r.value(), r.forEvaluations(), r.duration() == null ? null : r.duration().toString());
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "The rules of a project, automatic threshold rules included")
    public List<Body> list(@QueryParam("project") String project) {
        if (project == null || project.isBlank()) {
            throw ProblemException.invalid(List.of(new io.pilotage.contracts.Problem.FieldError("project", "is required")));
        }
        return rules.ofProject(project.trim()).stream().map(RulesResource::view).toList();
    }

    @POST
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Create a custom rule (an owner, for the projects they own)")
    public Uni<Response> create(Body b) {
        Fields f = new Fields();
        if (b == null) {
            f.fail("body", "a JSON rule is required").check();
        }
        f.require("kind", b.kind()).require("project", b.project());
        RuleKind kind = null;
        if (f.ok("kind")) {
            try {
                kind = RuleKind.parse(b.kind());
                if (kind.automatic()) {
                    f.fail("kind", "threshold rules are derived from the KPI definition; change its thresholds instead");
                }
            } catch (IllegalArgumentException e) {
                f.fail("kind", e.getMessage());
            }
        }
        Severity severity = Severity.WARNING;
        if (b.severity() != null) {
            try {
                severity = Severity.parse(b.severity());
            } catch (IllegalArgumentException e) {
                f.fail("severity", e.getMessage());
            }
        }
        int forEvaluations = b.forEvaluations() == null ? 1 : b.forEvaluations();
        if (forEvaluations < 1 || forEvaluations > 1000) {
            f.fail("forEvaluations", "must be between 1 and 1000");
        }
        Duration duration = null;
        if (kind != null && kind.timeBased()) {
            f.require("duration", b.duration());
            if (b.duration() != null) {
                try {
                    duration = Duration.parse(b.duration());
                    if (duration.isNegative() || duration.isZero()) {
                        f.fail("duration", "must be positive");
                    }
                } catch (DateTimeParseException e) {
                    f.fail("duration", "must be an ISO-8601 duration such as PT2H");
                }
            }
        } else if (kind != null) {
            f.require("value", b.value());
            if (b.value() != null && (b.value().isNaN() || b.value().isInfinite())) {
                f.fail("value", "must be a finite number");
            }
        }
        if (kind == RuleKind.SOURCE_SILENT) {
            f.require("source", b.source());
        } else if (kind != null) {
            f.require("kpi", b.kpi());
            if (b.kpi() != null && b.project() != null && definitions.kpi(b.project(), b.kpi()).isEmpty()) {
                f.fail("kpi", "unknown KPI " + b.kpi() + " in project " + b.project());
            }
        }
        f.check();
        caller.mayManage(b.project(), "change its rules");
        AlertRule rule = new AlertRule("r-" + UUID.randomUUID(), kind, b.project(),
                kind == RuleKind.SOURCE_SILENT ? null : b.kpi(), kind == RuleKind.SOURCE_SILENT ? b.source() : null,
                severity, b.value(), forEvaluations, duration);
        return rules.create(rule, caller.name())
                .map(r -> Response.created(URI.create("/alert-rules/" + r.id())).entity(view(r)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    public Uni<Response> delete(@PathParam("id") String id) {
        AlertRule r = rules.custom(id);
        if (r == null) {
            throw ProblemException.notFound("custom rule " + id);
        }
        caller.mayManage(r.project(), "change its rules");
        return rules.delete(id).map(ok -> Response.noContent().build());
    }
}
