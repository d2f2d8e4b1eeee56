package io.pilotage.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on a request's {@code Content-Type}, the same at the gateway and in the services. */
public final class MediaTypes {

    /** {@code type/subtype} of RFC 9110 token characters, then parameters after a semicolon. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("\\s*([!#$%&'+.^_`|~0-9A-Za-z-]+)/([!#$%&'+.^_`|~0-9A-Za-z-]+)\\s*(;.*)?", Pattern.DOTALL);

    private MediaTypes() {
    }

    /**
     * Whether a {@code Content-Type} header names one media type: {@code type/subtype}, no wildcard
     * ({@code *}{@code /*} says nothing of a body). JAX-RS, choosing among a resource's
     * {@code @Consumes}, throws on a value that is none, which its services answered with a 500.
     */
    public static boolean isConcrete(String contentType) {
        if (contentType == null) {
            return false;
        }
        Matcher m = MEDIA_TYPE.matcher(contentType);
        return m.matches() && !m.group(1).equals("*") && !m.group(2).equals("*");
    }
}
