package io.pilotage.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Method + path → {@link Route}: which service serves a request and which access rule applies.
 * Plain Java, no I/O; the first route that matches wins, so specific routes come before the
 * catch-alls of the same prefix.
 *
 * <p>Paths are matched segment by segment after dropping empty segments (so {@code /kpis/} and
 * {@code //kpis} are {@code /kpis}) and matrix parameters ({@code ;a=b}, which JAX-RS ignores when
 * it matches, so the gateway must ignore them too). Dot segments must already be resolved: the
 * gateway matches and forwards Vert.x's normalised path.
 */
public final class RouteTable {

    private static final Set<String> ANY = Set.of();
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> READ = Set.of("GET", "HEAD");

    /** The Pilotage routes, in matching order. */
    public static final List<Route> PILOTAGE_ROUTES = List.of(
            // the gateway itself: anonymous (metrics are on the management interface, never routed)
            new Route("/q/health/**", ANY, Upstream.LOCAL, Resource.HEALTH),
            new Route("/q/openapi", READ, Upstream.LOCAL, Resource.OPENAPI),
            new Route("/openapi", READ, Upstream.LOCAL, Resource.OPENAPI),
            new Route("/swagger-ui/**", READ, Upstream.LOCAL, Resource.OPENAPI),
            // the console: its pages (GET) and its forms (POST); / leads there
            new Route("/", READ, Upstream.LOCAL, Resource.CONSOLE),
            new Route("/console/**", Set.of("GET", "HEAD", "POST"), Upstream.CONSOLE, Resource.CONSOLE),

            // ingestion: source adapters pass through with the source's own authentication
            new Route("/sources/{source}/{odoo|ga4|qradar}/**", POST, Upstream.INGESTION, Resource.SOURCE_ADAPTER),
            // ingestion: history imports through the same adapters, with an admin's token (before governance's /sources/**)
            new Route("/sources/{source}/backfill", ANY, Upstream.INGESTION, Resource.BACKFILL),
            new Route("/services/collector/health/**", READ, Upstream.INGESTION, Resource.SOURCE_ADAPTER),
            new Route("/services/collector/**", POST, Upstream.INGESTION, Resource.SOURCE_ADAPTER),
            // ingestion: bearer token
            new Route("/events/csv", ANY, Upstream.INGESTION, Resource.EVENTS_CSV),
            new Route("/events/**", ANY, Upstream.INGESTION, Resource.EVENTS),
            new Route("/quarantine/**", ANY, Upstream.INGESTION, Resource.QUARANTINE),
            new Route("/ingestion/backfills/**", READ, Upstream.INGESTION, Resource.BACKFILL),
            new Route("/ingestion/**", READ, Upstream.INGESTION, Resource.INGESTION_STATS),

            // kpi-engine
            new Route("/kpis/{key}/recompute", ANY, Upstream.KPI_ENGINE, Resource.KPI_RECOMPUTE),
            new Route("/kpis/**", ANY, Upstream.KPI_ENGINE, Resource.KPIS),
            new Route("/projects/{project}/scorecard", ANY, Upstream.KPI_ENGINE, Resource.SCORECARDS),
            new Route("/portfolio/**", ANY, Upstream.KPI_ENGINE, Resource.PORTFOLIO),
            new Route("/projects/{project}/replay", ANY, Upstream.KPI_ENGINE, Resource.KPI_RECOMPUTE),
            new Route("/kpi-jobs/**", ANY, Upstream.KPI_ENGINE, Resource.KPI_JOBS),
            new Route("/dead-letters/**", ANY, Upstream.KPI_ENGINE, Resource.DEAD_LETTERS),

            // alerting
            new Route("/alerts/**", ANY, Upstream.ALERTING, Resource.ALERTS),
            new Route("/silences/**", ANY, Upstream.ALERTING, Resource.SILENCES),
            new Route("/subscriptions/**", ANY, Upstream.ALERTING, Resource.SUBSCRIPTIONS),
            new Route("/notifications/**", ANY, Upstream.ALERTING, Resource.ALERTS),
            new Route("/alert-rules/**", ANY, Upstream.ALERTING, Resource.SUBSCRIPTIONS),
            new Route("/mute-windows/**", ANY, Upstream.ALERTING, Resource.SILENCES),

            // governance
            // a project's KPI definitions (KPIs as code): project owners write them, governance checks ownership
            new Route("/projects/{project}/kpis/**", ANY, Upstream.GOVERNANCE, Resource.DEFINITIONS),
            new Route("/projects/{project}/kpis.yaml", ANY, Upstream.GOVERNANCE, Resource.DEFINITIONS),
            new Route("/projects/**", ANY, Upstream.GOVERNANCE, Resource.PROJECTS),
            new Route("/sources/**", ANY, Upstream.GOVERNANCE, Resource.SOURCES),
            new Route("/committees/**", ANY, Upstream.GOVERNANCE, Resource.COMMITTEES),
            new Route("/reviews/**", ANY, Upstream.GOVERNANCE, Resource.REVIEWS),
            new Route("/actions/**", ANY, Upstream.GOVERNANCE, Resource.ACTIONS),
            new Route("/quality-rules/**", ANY, Upstream.GOVERNANCE, Resource.QUALITY_RULES),
            new Route("/lessons/**", ANY, Upstream.GOVERNANCE, Resource.LESSONS),
            new Route("/audit/**", ANY, Upstream.GOVERNANCE, Resource.AUDIT),
            // republishing every definition is an admin operation: admin-only writes, like project records
            new Route("/definitions/republish", ANY, Upstream.GOVERNANCE, Resource.PROJECTS),
            new Route("/definitions/**", ANY, Upstream.GOVERNANCE, Resource.DEFINITIONS));

    private final List<CompiledRoute> routes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream().map(CompiledRoute::new).toList();
    }

    /** The table of Pilotage's routes. */
    public static RouteTable pilotage() {
        return new RouteTable(PILOTAGE_ROUTES);
    }

    /** The routes, in matching order. */
    public List<Route> routes() {
        return routes.stream().map(CompiledRoute::route).toList();
    }

    /**
     * The route for a request, or empty when no route matches (answered 404).
     *
     * @param method the HTTP method, any case
     * @param path   the normalised request path, without the query string
     */
    public Optional<Route> resolve(String method, String path) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        List<String> segments = split(path);
        for (CompiledRoute candidate : routes) {
            if (candidate.route.appliesTo(upperMethod) && candidate.matches(segments)) {
                return Optional.of(candidate.route);
            }
        }
        return Optional.empty();
    }

    /**
     * The methods some route accepts on {@code path} (for a 405's {@code Allow}); empty when no
     * route matches the path whatever the method, or when one accepts every method.
     */
    public Set<String> methodsFor(String path) {
        List<String> segments = split(path);
        Set<String> methods = new java.util.TreeSet<>();
        for (CompiledRoute candidate : routes) {
            if (candidate.matches(segments)) {
                if (candidate.route.methods().isEmpty()) {
                    return Set.of();
                }
                methods.addAll(candidate.route.methods());
            }
        }
        return methods;
    }

    /** The non-empty segments of a path, each without its matrix parameters. */
    static List<String> split(String path) {
        List<String> segments = new ArrayList<>(8);
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            int semicolon = path.indexOf(';', start);
            int segmentEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            if (segmentEnd > start) {
                segments.add(path.substring(start, segmentEnd));
            }
            start = end + 1;
        }
        return segments;
    }

    /** A route with its template parsed into segment matchers. */
    private record CompiledRoute(Route route, List<SegmentMatcher> matchers, boolean trailingWildcard) {

        CompiledRoute(Route route) {
            this(route, matchersOf(route), route.template().endsWith("/**"));
        }

        private static List<SegmentMatcher> matchersOf(Route route) {
            List<String> templateSegments = route.segments();
            List<SegmentMatcher> matchers = new ArrayList<>(templateSegments.size());
            for (int i = 0; i < templateSegments.size(); i++) {
                String segment = templateSegments.get(i);
                if (segment.equals("**")) {
                    if (i != templateSegments.size() - 1) {
                        throw new IllegalArgumentException("'**' must be the last segment: " + route.template());
                    }
                    continue;
                }
                matchers.add(SegmentMatcher.of(segment));
            }
            return List.copyOf(matchers);
        }

        boolean matches(List<String> segments) {
            if (trailingWildcard ? segments.size() < matchers.size() : segments.size() != matchers.size()) {
                return false;
            }
            for (int i = 0; i < matchers.size(); i++) {
                if (!matchers.get(i).matches(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Matches one path segment: a literal, any value ({@code {name}}) or one of ({@code {a|b}}). */
    private record SegmentMatcher(List<String> literals) {

        static SegmentMatcher of(String templateSegment) {
            if (templateSegment.startsWith("{") && templateSegment.endsWith("}")) {
                String inner = templateSegment.substring(1, templateSegment.length() - 1);
                if (inner.contains("|")) {
                    return new SegmentMatcher(Arrays.asList(inner.split("\\|")));
                }
                return new SegmentMatcher(List.of());
            }
            return new SegmentMatcher(List.of(templateSegment));
        }

        boolean matches(String segment) {
            return literals.isEmpty() || literals.contains(segment);
        }
    }
}
