package io.pilotage.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@link RouteTable}: a path template, the methods it applies to, where it leads
 * and what it addresses.
 *
 * <p>Template syntax, segment by segment: a literal ({@code kpis}), a variable ({@code {key}}),
 * a choice of literals ({@code {odoo|ga4|qradar}}), or a final {@code **} matching zero or more
 * segments. The template doubles as the {@code uri} tag of the HTTP metrics and as the path shown
 * in logs, so a secret path segment never reaches either.
 *
 * @param template the path template, e.g. {@code /kpis/{key}/recompute}
 * @param methods  upper-case HTTP methods this route applies to; empty means every method
 * @param upstream the service that serves it, or {@link Upstream#LOCAL}
 * @param resource what it addresses, which decides the access rule
 */
public record Route(String template, Set<String> methods, Upstream upstream, Resource resource) {

    public Route {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(resource, "resource");
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
    }

    /** Whether this route applies to {@code method} (upper case). */
    public boolean appliesTo(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** The template's segments, without empty ones. */
    List<String> segments() {
        return RouteTable.split(template);
    }
}
