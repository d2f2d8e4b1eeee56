import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.pilotage.gateway.security.Caller;
import io.pilotage.gateway.security.Role;
import io.pilotage.gateway.security.VerifiedTokens;

/**
 * CPU cost of accepting one bearer token: a full verification as quarkus-oidc does it (jose4j:
 * parse, RS256 signature with the realm's 2048-bit key, expiry, issuer, audience) against a hit in
 * the gateway's verified-token cache (SHA-256 of the token + a Caffeine lookup). Single thread,
 * measured in CPU time (ThreadMXBean), so a busy machine does not skew the ratio.
 * Run by bench/gateway-overhead/token-verification (class path: jose4j, caffeine, the gateway).
 */
public final class TokenVerification {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://localhost:18080/realms/pilotage");
        claims.setAudience("pilotage-api", "account");
        claims.setSubject("7c1f6d0e-3f4a-4c2b-9a51-1d2e3f4a5b6c");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setClaim("azp", "pilotage-web");
        claims.setClaim("preferred_username", "analyst");
        claims.setClaim("realm_access", java.util.Map.of("roles", List.of("analyst", "default-roles-pilotage", "offline_access")));
        claims.setClaim("scope", "openid email profile");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue("realm-key");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String token = jws.getCompactSerialization();

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer("http://localhost:18080/realms/pilotage")
                .setExpectedAudience("pilotage-api")
                .setVerificationKey(keys.getPublic())
                .build();
        VerifiedTokens cache = new VerifiedTokens(10_000, Duration.ofSeconds(60));
        cache.remember(token, Caller.withRoles(Role.ANALYST), "subject:x", Instant.now().getEpochSecond() + 300,
                System.currentTimeMillis());

        int n = Integer.parseInt(System.getProperty("n", "20000"));
        double verify = 0, hit = 0;
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            verify = cpuMicrosPerOp(n, () -> consumer.processToClaims(token));
            hit = cpuMicrosPerOp(n * 10, () -> {
                if (cache.lookup(token) == null) {
                    throw new IllegalStateException("miss");
                }
            });
        }
        System.out.printf(Locale.ROOT, "full verification: %.1f us CPU per token; cache hit: %.2f us; %.0fx less%n", verify, hit, verify / hit);
        if (args.length > 0) {
            String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
            String json = String.format(Locale.ROOT, """
                    {"name": "gateway token acceptance", "metric": "CPU per token, cache hit", "value": %.3f, "baseline": %.3f, "ratio": %.4f, "target": "-", "unit": "us", "machine": "%s", "date": "%s"}
                    """, hit, verify, hit / verify, machine, Instant.now());
            Files.writeString(Path.of(args[0]), json);
        }
    }

    interface Op {
        void run() throws Exception;
    }

    private static double cpuMicrosPerOp(int n, Op op) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1000.0 / n;
    }
}
