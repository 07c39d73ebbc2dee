package io.tributary.ingest.auth;

import static io.tributary.ingest.Tokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.tributary.ingest.Tokens;
import io.tributary.ingest.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

  private final TokenVerifier verifier =
      new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8));

  @Test
  void shouldAcceptValidTokenAndReadTenantScopesAndCols() {
    // Given
    String token = Tokens.withCols("acme", "sync:read sync:write", List.of("todos"));

    // When
    Principal p = verifier.verify(bearer(token));

    // Then
    assertThat(p.tenant()).isEqualTo("acme");
    assertThat(p.scopes()).containsExactlyInAnyOrder("sync:read", "sync:write");
    assertThat(p.collections()).contains(Set.of("todos"));
    assertThat(p.mayTouch("todos")).isTrue();
    assertThat(p.mayTouch("notes")).isFalse();
  }

  @Test
  void shouldTellUntilWhenATokenIsAcceptedItsExpiryPlusTheClockSkew() {
    Instant exp = Instant.now().plusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String token = Tokens.token("acme", "sync:read", b -> b.expirationTime(Date.from(exp)));

    VerifiedToken verified = verifier.verifyToken(bearer(token));

    assertThat(verified.principal().tenant()).isEqualTo("acme");
    assertThat(verified.expiresAt())
        .isEqualTo(exp.plusSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS));
  }

  @Test
  void shouldForgetARememberedTokenOnceItExpires() {
    // Given a token accepted once, so remembered, on a clock the test moves
    AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now.get();
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    TokenVerifier remembering =
        new TokenVerifier(
            Tokens.SECRET.getBytes(StandardCharsets.UTF_8), VerificationKeys.none(), clock);
    Instant exp = now.get().plusSeconds(10);
    String token = Tokens.token("acme", "sync:read", b -> b.expirationTime(Date.from(exp)));
    assertThat(remembering.verify(bearer(token)).tenant()).isEqualTo("acme");

    // When the clock passes its expiry plus the skew
    now.set(exp.plusSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS + 1));

    // Then the same token is refused
    assertThatThrownBy(() -> remembering.verify(bearer(token)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void shouldAnswerTheSameTenantAndScopesForATokenSentAgain() {
    String token = Tokens.withCols("acme", "sync:read", List.of("todos"));

    Principal first = verifier.verify(bearer(token));
    Principal again = verifier.verify(bearer(token));

    assertThat(again).isEqualTo(first);
    assertThat(again.collections()).contains(Set.of("todos"));
  }

  @Test
  void shouldRejectAlgNone() {
    assertUnauthorized(bearer(Tokens.unsigned("acme", "admin")));
  }

  @Test
  void shouldRejectTokenSignedWithAnotherSecret() {
    String token = Tokens.signed(Tokens.claims("acme", "admin").build(), Tokens.OTHER_SECRET);
    assertUnauthorized(bearer(token));
  }

  @Test
  void shouldRejectHs512EvenWithTheRightSecret() throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), Tokens.claims("acme", "admin").build());
    jwt.sign(new MACSigner((Tokens.SECRET + Tokens.SECRET).getBytes(StandardCharsets.UTF_8)));
    assertUnauthorized(bearer(jwt.serialize()));
  }

  @Test
  void shouldRejectExpiredToken() {
    String token =
        Tokens.token(
            "acme", "admin", b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600))));
    assertUnauthorized(bearer(token));
  }

  @Test
  void shouldRejectTokenNotYetValid() {
    String token =
        Tokens.token(
            "acme", "admin", b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(3600))));
    assertUnauthorized(bearer(token));
  }

  @Test
  void shouldRejectTokenWithoutExpiry() {
    String token = Tokens.token("acme", "admin", b -> b.expirationTime(null));
    assertUnauthorized(bearer(token));
  }

  @Test
  void shouldRejectTokenWithoutTenant() {
    assertUnauthorized(bearer(Tokens.token(null, "admin")));
  }

  @Test
  void shouldRejectTenantWithSlash() {
    assertUnauthorized(bearer(Tokens.token("a/b", "admin")));
  }

  @Test
  void shouldRejectMissingOrNonBearerHeader() {
    assertUnauthorized(null);
    assertUnauthorized("Basic dXNlcjpwYXNz");
    assertUnauthorized("Bearer not.a.jwt");
  }

  @Test
  void shouldLetAdminReadAndWriteButReadScopeOnlyRead() {
    Principal admin = new Principal("t", null, Set.of("admin"), Optional.empty());
    Principal reader = new Principal("t", null, Set.of("sync:read"), Optional.empty());

    assertThat(admin.canRead()).isTrue();
    assertThat(admin.canWrite()).isTrue();
    assertThat(reader.canRead()).isTrue();
    assertThat(reader.canWrite()).isFalse();
  }

  private void assertUnauthorized(String header) {
    assertThatThrownBy(() -> verifier.verify(header))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("unauthorized");
              assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer");
            });
  }
}
