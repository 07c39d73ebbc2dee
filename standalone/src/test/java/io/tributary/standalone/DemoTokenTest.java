package io.tributary.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoTokenTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-demo";

  @Test
  void shouldMintAnHs256TokenForTheTenantWithReadWriteScopesForThirtyDays() throws Exception {
    // Given a point in time
    Instant now = Instant.parse("2026-11-23T00:00:00Z");

    // When a token is minted
    SignedJWT jwt = SignedJWT.parse(DemoToken.mint(SECRET, "demo", now));

    // Then it verifies with the secret and carries tenant, scopes and a 30-day expiry
    assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getStringClaim("tid")).isEqualTo("demo");
    assertThat(claims.getStringClaim("scope")).isEqualTo("sync:read sync:write");
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
  }

  @Test
  void shouldNotVerifyWithAnotherSecret() throws Exception {
    // Given a token minted with one secret
    SignedJWT jwt = SignedJWT.parse(DemoToken.mint(SECRET, "demo", Instant.now()));

    // When it is checked with another, Then it fails
    byte[] other = "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8);
    assertThat(jwt.verify(new MACVerifier(other))).isFalse();
  }
}
