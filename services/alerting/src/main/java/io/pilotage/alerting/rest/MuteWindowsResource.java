package io.pilotage.alerting.rest;

import io.pilotage.alerting.silence.Matcher;
import io.pilotage.alerting.silence.MuteWindow;
import io.pilotage.alerting.silence.Mutes;
import io.pilotage.contracts.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/mute-windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "mute-windows", description = "Recurring mute windows (weekends, nights) in a time zone")
public class MuteWindowsResource {

    private final Pool pool;
    private final Caller caller;

    public MuteWindowsResource(Pool pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    /**
     * @param days  e.g. {@code ["SATURDAY","SUNDAY"]}
     * @param start {@code HH:mm}; {@code end <= start} crosses midnight; {@code start == end} is the whole day
     * @param zone  IANA time zone, e.g. {@code Africa/Bamako}
     */
    public record Body(String id, String name, List<Matcher> matchers, String zone, List<String> days, String start,
                       String end) {
    }

    static Body view(MuteWindow w) {
        return new Body(w.id(), w.name(), w.matchers(), w.zone().getId(),
                w.days().stream().sorted().map(DayOfWeek::name).toList(), w.start().toString(), w.end().toString());
    }

    @GET
    @RolesAllowed({"admin", "committee", "project-owner", "analyst"})
    public Uni<List<Body>> list() {
        return pool.query("select * from mute_window order by created_at").execute().map(rows -> {
            List<Body> l = new ArrayList<>();
            rows.forEach(r -> l.add(view(Mutes.window(r))));
            return l;
        });
    }

    @POST
    @RolesAllowed({"admin", "project-owner"})
    @Operation(summary = "Create a recurring mute window (an owner, for the projects they own)")
    public Uni<Response> create(Body b) {
        Fields f = new Fields();
        if (b == null) {
            f.fail("body", "a JSON mute window is required").check();
        }
        f.require("name", b.name()).require("zone", b.zone()).require("start", b.start()).require("end", b.end());
        List<Matcher> matchers = SilencesResource.validMatchers(b.matchers(), f, "matchers");
        ZoneId zone = null;
        if (f.ok("zone")) {
            try {
                zone = ZoneId.of(b.zone());
            } catch (DateTimeException e) {
                f.fail("zone", "unknown time zone '" + b.zone() + "'");
            }
        }
        Set<DayOfWeek> days = new LinkedHashSet<>();
        if (b.days() == null || b.days().isEmpty()) {
            f.fail("days", "at least one day is required");
        } else {
            for (int i = 0; i < b.days().size(); i++) {
                try {
                    days.add(DayOfWeek.valueOf(String.valueOf(b.days().get(i)).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    f.fail("days[" + i + "]", "must be a day of the week (MONDAY ... SUNDAY)");
                }
            }
        }
        LocalTime start = time(b.start(), "start", f);
        LocalTime end = time(b.end(), "end", f);
        f.check();
        String project = SilencesResource.projectOf(matchers);
        caller.mayManage(project, "mute its alerts");
        MuteWindow w = new MuteWindow("mw-" + UUID.randomUUID(), b.name(), matchers, zone, days, start, end);
        return pool.preparedQuery("""
                        insert into mute_window (id, name, matchers, zone, days, start_time, end_time, author)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] {w.id(), w.name(), new JsonArray(JsonCodec.encodeToString(matchers)),
                        zone.getId(), days.stream().map(DayOfWeek::name).collect(Collectors.joining(",")), start, end,
                        caller.name()}))
                .map(rs -> Response.created(URI.create("/mute-windows/" + w.id())).entity(view(w)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "project-owner"})
    public Uni<Response> delete(@PathParam("id") String id) {
        return pool.preparedQuery("select * from mute_window where id = $1").execute(Tuple.of(id)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("mute window " + id);
                    }
                    return Mutes.window(rows.iterator().next());
                }).invoke(w -> caller.mayManage(SilencesResource.projectOf(w.matchers()), "mute its alerts"))
                .chain(w -> pool.preparedQuery("delete from mute_window where id = $1").execute(Tuple.of(id)))
                .map(rs -> Response.noContent().build());
    }

    private static LocalTime time(String s, String field, Fields f) {
        if (s == null || !f.ok(field)) {
            return null;
        }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            f.fail(field, "must be a time HH:mm");
            return null;
        }
    }
}
