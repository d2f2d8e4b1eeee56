package io.pilotage.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletionException;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.security.AuthenticationFailedException;

class TokenFailuresTest {

    @ParameterizedTest
    @CsvSource({
            ErrorCodes.EXPIRED + ",               The bearer token has expired: get a new access token.",
            ErrorCodes.NOT_YET_VALID + ",         The bearer token is not valid yet (nbf or iat is in the future).",
            ErrorCodes.AUDIENCE_INVALID + ",      The bearer token was not issued for this API: its audience (aud) does not include the Pilotage API.",
            ErrorCodes.AUDIENCE_MISSING + ",      The bearer token was not issued for this API: its audience (aud) does not include the Pilotage API.",
            ErrorCodes.ISSUER_INVALID + ",        The bearer token was not issued by the Pilotage realm (iss).",
            ErrorCodes.SIGNATURE_INVALID + ",     The bearer token's signature does not verify.",
            ErrorCodes.EXPIRATION_MISSING + ",    The bearer token has no expiry (exp).",
            ErrorCodes.JSON_INVALID + ",          The bearer token is not a valid access token of the Pilotage realm.",
    })
    void explainsJose4jErrorCodesFoundAnywhereInTheCauseChain(int code, String detail) {
        InvalidJwtException invalid = new InvalidJwtException("claim values the client must not see: secret-claim",
                List.of(new ErrorCodeValidator.Error(code, "x")), null);
        Throwable failure = new CompletionException(new AuthenticationFailedException(new RuntimeException(invalid)));

        assertThat(TokenFailures.describe(failure)).isEqualTo(detail).doesNotContain("secret-claim");
    }

    @Test
    void withoutAValidatorVerdictTheDetailIsGeneric() {
        assertThat(TokenFailures.describe(new AuthenticationFailedException("Malformed token")))
                .isEqualTo("The bearer token is not a valid access token of the Pilotage realm "
                        + "(malformed, or its signature cannot be verified).");
    }

    @Test
    void survivesCyclicCauseChains() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(TokenFailures.describe(a)).startsWith("The bearer token is not a valid access token");
    }
}
