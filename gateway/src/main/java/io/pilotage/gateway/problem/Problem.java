package io.pilotage.gateway.problem;

import java.util.Objects;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail, as every error the gateway itself produces is answered.
 *
 * @param type      a URI naming the kind of problem ({@code https://pilotage.io/problems/<slug>})
 * @param title     a short summary of the kind, the same for every occurrence
 * @param status    the HTTP status
 * @param detail    what went wrong this time, for a human
 * @param instance  the request path (or the route template when the path may hold a secret)
 * @param requestId the request's {@code X-Request-Id}, an extension member to quote in support requests
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every {@link #type()} the gateway produces. */
    public static final String TYPE_PREFIX = "https://pilotage.io/problems/";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    /** The JSON document; absent members are left out. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            json.put("instance", instance);
        }
        if (requestId != null) {
            json.put("requestId", requestId);
        }
        return json;
    }
}
