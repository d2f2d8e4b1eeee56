package io.pilotage.governance.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Pagination of every list: {@code page} (from 0) and {@code size} (1..500, default 50). A list
 * answers a JSON array with {@code X-Total-Count} and an RFC 8288 {@code Link} header
 * ({@code next}, {@code prev}).
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    /** The answer for one page of {@code total} items. */
    public Response response(List<?> items, long total, UriInfo uri) {
        Response.ResponseBuilder r = Response.ok(items).header("X-Total-Count", total);
        StringBuilder link = new StringBuilder();
        if ((long) (page + 1) * size < total) {
            link.append('<').append(uri.getRequestUriBuilder().replaceQueryParam("page", page + 1).build()).append(">; rel=\"next\"");
        }
        if (page > 0) {
            if (!link.isEmpty()) {
                link.append(", ");
            }
            link.append('<').append(uri.getRequestUriBuilder().replaceQueryParam("page", page - 1).build()).append(">; rel=\"prev\"");
        }
        if (!link.isEmpty()) {
            r.header("Link", link.toString());
        }
        return r.build();
    }
}
