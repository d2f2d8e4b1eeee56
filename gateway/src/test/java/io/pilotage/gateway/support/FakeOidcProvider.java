package io.pilotage.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * A stand-in for the Keycloak realm {@code pilotage}: serves the OIDC discovery document and the
 * JWKS on a loopback port, and signs access tokens shaped like Keycloak's (RS256, {@code kid},
 * {@code iss}, {@code aud}, {@code realm_access.roles}). quarkus-oidc verifies them exactly as it
 * verifies the real realm's, so the gateway's authentication failures can be tested for real.
 */
public final class FakeOidcProvider {

    public static final String AUDIENCE = "pilotage-api";
    private static final String KID = "fake-pilotage-key";

    private final HttpServer server;
    private final KeyPair keys;
    private final KeyPair rogueKeys;

    private FakeOidcProvider(HttpServer server, KeyPair keys, KeyPair rogueKeys) {
        this.server = server;
        this.keys = keys;
        this.rogueKeys = rogueKeys;
    }

    public static FakeOidcProvider start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeOidcProvider provider = new FakeOidcProvider(server, generator.generateKeyPair(), generator.generateKeyPair());
            server.createContext("/realms/pilotage/.well-known/openid-configuration", provider::discovery);
            server.createContext("/realms/pilotage/protocol/openid-connect/certs", provider::jwks);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return provider;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the fake OIDC provider", e);
        }
    }

    public void stop() {
        server.stop(0);
    }

    /** The realm URL, as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/pilotage";
    }

    /** A valid access token with these realm roles. */
    public String token(String... roles) {
        return token(claims -> claims.put("realm_access", Map.of("roles", List.of(roles))));
    }

    /** A valid access token (user {@code tester}, no roles) changed by {@code customizer}. */
    public String token(Consumer<Map<String, Object>> customizer) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", realmUrl());
        claims.put("aud", List.of(AUDIENCE, "account"));
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("azp", "pilotage-web");
        claims.put("typ", "Bearer");
        claims.put("preferred_username", "tester");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("realm_access", Map.of("roles", List.of()));
        customizer.accept(claims);
        return sign(MiniJson.write(claims), keys.getPrivate());
    }

    /** A token that expired ten minutes ago. */
    public String expiredToken(String... roles) {
        long now = Instant.now().getEpochSecond();
        return token(claims -> {
            claims.put("iat", now - 1200);
            claims.put("exp", now - 600);
            claims.put("realm_access", Map.of("roles", List.of(roles)));
        });
    }

    /** A token whose signature was made with another key (same {@code kid}). */
    public String tokenSignedByAnotherKey(String... roles) {
        String genuine = token(roles);
        String signingInput = genuine.substring(0, genuine.lastIndexOf('.'));
        return signingInput + "." + base64Url(rsa(signingInput, rogueKeys.getPrivate()));
    }

    private static String sign(String claimsJson, PrivateKey key) {
        String header = MiniJson.write(Map.of("alg", "RS256", "typ", "JWT", "kid", KID));
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64Url(rsa(signingInput, key));
    }

    private static byte[] rsa(String signingInput, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String realm = realmUrl();
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", realm);
        discovery.put("authorization_endpoint", realm + "/protocol/openid-connect/auth");
        discovery.put("token_endpoint", realm + "/protocol/openid-connect/token");
        discovery.put("jwks_uri", realm + "/protocol/openid-connect/certs");
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
        respond(exchange, MiniJson.write(discovery));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kid", KID);
        key.put("kty", "RSA");
        key.put("alg", "RS256");
        key.put("use", "sig");
        key.put("n", base64Url(unsigned(publicKey.getModulus())));
        key.put("e", base64Url(unsigned(publicKey.getPublicExponent())));
        respond(exchange, MiniJson.write(Map.of("keys", List.of(key))));
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
