package io.pilotage.alerting.rest;

import io.pilotage.alerting.notification.ChannelType;
import io.pilotage.alerting.notification.Subscription;
import io.pilotage.alerting.notification.Subscriptions;
import io.pilotage.alerting.rule.Severity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions", description = "Who is told what: project / KPI / minimum severity -> channel, language")
public class SubscriptionsResource {

    private final Pool pool;
    private final Caller caller;

    public SubscriptionsResource(Pool pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    /**
     * A subscription as written and read.
     *
     * @param project     project key; omitted: every project (admins only)
     * @param kpi         KPI key; omitted: every KPI of the project
     * @param minSeverity {@code warning} (default: both severities) or {@code critical}
     * @param channel     {@code slack} (target: incoming webhook URL), {@code email} (target: address),
     *                    {@code webhook} (target: URL; secret: HMAC key)
     * @param language    {@code fr} or {@code en}
     * @param secret      webhook only: the HMAC-SHA256 key (write-only: never returned)
     * @param byDefault   read-only: an owner's default subscription, created by alerting (deleting it
     *                    is remembered: it is not created again)
     * @param owner       read-only: the owner (username or address) a default subscription is for
     */
    public record Body(String id, String project, String kpi, String minSeverity, String channel, String target,
                       String secret, String language, Boolean byDefault, String owner) {
    }

    static Body view(Subscription s, String owner) {
        return new Body(s.id(), s.project(), s.kpi(), s.minSeverity().wireName(), s.channel().wireName(), s.target(),
                null, s.language(), owner != null, owner);
    }

    private static Body view(Row r) {
        return view(Subscriptions.from(r), r.getString("owner_username"));
    }

    private static final String SELECT = """
            select s.*, o.username as owner_username from subscription s
            left join owner_subscription o on o.subscription_id = s.id""";

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    @Operation(summary = "Subscriptions, optionally of one project")
    public Uni<List<Body>> list(@QueryParam("project") String project) {
        return pool.preparedQuery(SELECT + " where ($1::text is null or s.project = $1) order by s.created_at, s.id")
                .execute(Tuple.of(AlertsResource.blankToNull(project)))
                .map(rows -> {
                    List<Body> l = new ArrayList<>();
                    rows.forEach(r -> l.add(view(r)));
                    return l;
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    public Uni<Body> one(@PathParam("id") String id) {
        return find(id).chain(() -> findView(id));
    }

    private Uni<Body> findView(String id) {
        return pool.preparedQuery(SELECT + " where s.id = $1").execute(Tuple.of(id)).map(rows -> view(rows.iterator().next()));
    }

    @POST
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Create a subscription (an owner, for the projects they own)")
    public Uni<Response> create(Body body) {
        Subscription s = validate(body, "s-" + UUID.randomUUID());
        caller.mayManage(s.project(), "subscribe to its alerts");
        return pool.preparedQuery("""
                        insert into subscription (id, project, kpi, min_severity, channel, target, secret, language, created_by)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(tuple(s, caller.name()))
                .map(rs -> Response.created(URI.create("/subscriptions/" + s.id())).entity(view(s, null)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Replace a subscription")
    public Uni<Body> replace(@PathParam("id") String id, Body body) {
        Subscription s = validate(body, id);
        return find(id).invoke(old -> {
            caller.mayManage(old.project(), "change its subscriptions");
            caller.mayManage(s.project(), "subscribe to its alerts");
        }).chain(old -> pool.preparedQuery("""
                        update subscription set project = $2, kpi = $3, min_severity = $4, channel = $5, target = $6,
                          secret = coalesce($7, secret), language = $8 where id = $1""")
                .execute(tuple(s, caller.name())))
                .chain(() -> findView(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    public Uni<Response> delete(@PathParam("id") String id) {
        return find(id).invoke(old -> caller.mayManage(old.project(), "change its subscriptions"))
                // an owner's default subscription, once deleted, stays deleted (its registration is kept)
                .chain(old -> pool.withTransaction(conn -> conn.preparedQuery("delete from subscription where id = $1")
                        .execute(Tuple.of(id))
                        .chain(() -> conn.preparedQuery("update owner_subscription set removed_at = now() where subscription_id = $1")
                                .execute(Tuple.of(id)))))
                .map(rs -> Response.noContent().build());
    }

    private Uni<Subscription> find(String id) {
        return pool.preparedQuery("select * from subscription where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ProblemException.notFound("subscription " + id);
            }
            return Subscriptions.from(rows.iterator().next());
        });
    }

    private static Tuple tuple(Subscription s, String by) {
        return Tuple.from(new Object[] {s.id(), s.project(), s.kpi(), s.minSeverity().wireName(), s.channel().wireName(),
                s.target(), s.secret(), s.language(), by});
    }

    static Subscription validate(Body b, String id) {
        Fields f = new Fields();
        if (b == null) {
            f.fail("body", "a JSON subscription is required").check();
        }
        f.require("channel", b.channel()).require("target", b.target()).require("language", b.language());
        f.text("id", b.id()).text("project", b.project()).text("kpi", b.kpi()).text("target", b.target()).text("secret", b.secret());
        ChannelType channel = null;
        if (f.ok("channel")) {
            try {
                channel = ChannelType.parse(b.channel());
            } catch (IllegalArgumentException e) {
                f.fail("channel", e.getMessage());
            }
        }
        Severity min = Severity.WARNING;
        if (b.minSeverity() != null) {
            try {
                min = Severity.parse(b.minSeverity());
            } catch (IllegalArgumentException e) {
                f.fail("minSeverity", e.getMessage());
            }
        }
        if (f.ok("language") && !Set.of("fr", "en").contains(b.language())) {
            f.fail("language", "must be fr or en");
        }
        if (channel != null && f.ok("target")) {
            if (channel == ChannelType.EMAIL ? !Fields.email(b.target()) : !Fields.httpUrl(b.target())) {
                f.fail("target", channel == ChannelType.EMAIL ? "is not an e-mail address"
                        : "is not an absolute http(s) URL");
            }
        }
        if (channel == ChannelType.WEBHOOK && (b.secret() == null || b.secret().length() < 16)) {
            f.fail("secret", "a webhook needs an HMAC secret of at least 16 characters");
        }
        if (channel != null && channel != ChannelType.WEBHOOK && b.secret() != null) {
            f.fail("secret", "only a webhook has a secret");
        }
        if (b.kpi() != null && b.project() == null) {
            f.fail("project", "is required when kpi is given");
        }
        f.check();
        return new Subscription(id, AlertsResource.blankToNull(b.project()), AlertsResource.blankToNull(b.kpi()), min,
                channel, b.target().trim(), b.secret(), b.language());
    }
}
