package io.pilotage.governance.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;

/** One version of a definition as the API answers it: who, when, why, the body before and after. */
public record HistoryView(int version, Instant changedAt, String changedBy, String reason, JsonNode before, JsonNode after) {

    static HistoryView of(DefinitionStore.Version v) {
        return new HistoryView(v.version(), v.changedAt(), v.changedBy(), v.reason(), json(v.before()), json(v.after()));
    }

    /** A page of a definition's history, newest first; 404 when it never existed. */
    public static Uni<Response> page(DefinitionStore store, SqlClient c, Definition.Kind kind, String id, PageRequest p, UriInfo uri) {
        return store.historyCount(c, kind, id).flatMap(total -> {
            if (total == 0) {
                throw ApiException.notFound(kind.wireName() + " '" + id + "'");
            }
            return store.history(c, kind, id, p.offset(), p.size())
                    .map(versions -> p.response(versions.stream().map(HistoryView::of).toList(), total, uri));
        });
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JsonCodec.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
