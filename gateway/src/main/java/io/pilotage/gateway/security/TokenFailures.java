package io.pilotage.gateway.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Why a bearer token was rejected, in words a client developer can act on. Never quotes the
 * token, nor the claim values the validator's own messages carry.
 */
public final class TokenFailures {

    private static final int MAX_CAUSE_DEPTH = 16;

    private TokenFailures() {
    }

    /** A precise {@code detail} for a failed token validation. */
    public static String describe(Throwable failure) {
        InvalidJwtException invalid = find(failure);
        if (invalid == null) {
            return "The bearer token is not a valid access token of the Pilotage realm "
                    + "(malformed, or its signature cannot be verified).";
        }
        if (invalid.hasExpired()) {
            return "The bearer token has expired: get a new access token.";
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "The bearer token is not valid yet (nbf or iat is in the future).";
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "The bearer token was not issued for this API: its audience (aud) does not include the Pilotage API.";
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The bearer token was not issued by the Pilotage realm (iss).";
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "The bearer token's signature does not verify.";
        }
        if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "The bearer token has no expiry (exp).";
        }
        return "The bearer token is not a valid access token of the Pilotage realm.";
    }

    private static InvalidJwtException find(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof InvalidJwtException invalid) {
                return invalid;
            }
            for (Throwable suppressed : current.getSuppressed()) {
                if (suppressed instanceof InvalidJwtException invalid) {
                    return invalid;
                }
            }
            current = current.getCause();
        }
        return null;
    }
}
