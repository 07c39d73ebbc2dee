package io.tributary.ingest.auth;

import static io.tributary.ingest.Tokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.tributary.ingest.Tokens;
import io.tributary.ingest.http.ApiError;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RS256 and ES256 tokens verified with a JWK set, and the algorithm confusions that must fail. */
class PublicKeyTokensTest {

  private static RSAKey rsa;
  private static RSAKey otherRsa;
  private static ECKey ec;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    otherRsa = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  private static JWTClaimsSet claims(String tenant) {
    return Tokens.claims(tenant, "sync:read").build();
  }

  private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
    return sign(
        new RSASSASigner(key),
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims);
  }

  private VerificationKeys fileWith(JWKSet set) throws Exception {
    Path file = dir.resolve("jwks.json");
    // The file holds private keys on purpose: only their public halves may be used.
    Files.writeString(file, set.toString(false));
    return VerificationKeys.fromFile(file);
  }

  private static void assertUnauthorized(TokenVerifier verifier, String token) {
    assertThatThrownBy(() -> verifier.verify(bearer(token)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void shouldAcceptRs256AndEs256TokensSignedByAKeyOfTheSet() throws Exception {
    TokenVerifier verifier =
        new TokenVerifier(null, fileWith(new JWKSet(java.util.List.of(rsa, ec))));

    String viaRsa = rs256(rsa, claims("acme"));
    String viaEc =
        sign(
            new ECDSASigner(ec),
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
            claims("globex"));

    assertThat(verifier.verify(bearer(viaRsa)).tenant()).isEqualTo("acme");
    assertThat(verifier.verify(bearer(viaEc)).tenant()).isEqualTo("globex");
  }

  @Test
  void shouldRefuseAKeyOutsideTheSetAnExpiredTokenAndHs256WithoutASecret() throws Exception {
    TokenVerifier verifier = new TokenVerifier(null, fileWith(new JWKSet(rsa)));

    assertUnauthorized(verifier, rs256(otherRsa, claims("acme")));
    // signed by the other key but claiming the known key id
    assertUnauthorized(
        verifier,
        sign(
            new RSASSASigner(otherRsa),
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
            claims("acme")));
    assertUnauthorized(
        verifier,
        rs256(
            rsa,
            new JWTClaimsSet.Builder(claims("acme"))
                .expirationTime(new Date(System.currentTimeMillis() - 3_600_000))
                .build()));
    assertUnauthorized(verifier, Tokens.token("acme", "sync:read"));
  }

  @Test
  void shouldRefuseAnHs256TokenWhoseSecretIsThePublicKey() throws Exception {
    // The classic confusion: the attacker knows the public key and uses it as an HMAC secret.
    TokenVerifier verifier =
        new TokenVerifier(
            Tokens.SECRET.getBytes(StandardCharsets.UTF_8), fileWith(new JWKSet(rsa)));
    byte[] publicKeyAsSecret = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    String forged =
        sign(
            new MACSigner(publicKeyAsSecret),
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
            claims("acme"));
    byte[] pemLike = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    String forgedWithJwk =
        sign(
            new MACSigner(pemLike),
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
            claims("acme"));

    assertUnauthorized(verifier, forged);
    assertUnauthorized(verifier, forgedWithJwk);
    // and the real secret still works
    assertThat(verifier.verify(bearer(Tokens.token("acme", "sync:read"))).tenant())
        .isEqualTo("acme");
  }

  @Test
  void shouldRefuseRs256TokensWhenNoKeysAreConfigured() throws Exception {
    TokenVerifier verifier = new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8));
    assertUnauthorized(verifier, rs256(rsa, claims("acme")));
  }

  @Test
  void shouldPickUpARotatedKeyFromTheJwksUrl() throws Exception {
    AtomicReference<String> served = new AtomicReference<>(new JWKSet(rsa).toString(true));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        exchange -> {
          byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    try (VerificationKeys keys = VerificationKeys.fromUrl(uri.toURL(), Duration.ofMillis(200))) {
      TokenVerifier verifier = new TokenVerifier(null, keys);
      String old = rs256(rsa, claims("acme"));
      assertThat(verifier.verify(bearer(old)).tenant()).isEqualTo("acme");
      String rotated = rs256(otherRsa, claims("acme"));
      assertUnauthorized(verifier, rotated);

      // When the identity provider rotates to the new key
      served.set(new JWKSet(otherRsa).toString(true));

      // Then the next refresh accepts it and drops the old one
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptionsInstanceOf(ApiError.class)
          .untilAsserted(
              () -> assertThat(verifier.verify(bearer(rotated)).tenant()).isEqualTo("acme"));
      // even the very token accepted before, which the verifier remembered
      assertUnauthorized(verifier, old);
    } finally {
      server.stop(0);
    }
  }
}
