package io.tributary.systemtest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the bearer tokens the tests present: HS256 with the stack's secret, claims {@code tid},
 * {@code sub}, {@code scope}, optional {@code cols}, {@code exp}; and the bad ones (expired, signed
 * with another secret, {@code alg: none}).
 */
public final class TestTokens {

  /** Both sync scopes. */
  public static final String READ_WRITE = "sync:read sync:write";

  private final byte[] secret;

  public TestTokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A valid token for {@code tenant} with read and write scope on every collection. */
  public String readWrite(String tenant) {
    return token(tenant, READ_WRITE, null, Duration.ofHours(1));
  }

  /**
   * A token signed with the stack's secret.
   *
   * @param cols collections the token may touch, or null for all
   * @param validFor negative for an already expired token
   */
  public String token(String tenant, String scope, List<String> cols, Duration validFor) {
    return sign(claims(tenant, scope, cols, validFor), secret);
  }

  /** A token that expired a minute ago. */
  public String expired(String tenant) {
    return token(tenant, READ_WRITE, null, Duration.ofMinutes(-1));
  }

  /** A well-formed token signed with a secret the server does not know. */
  public String forged(String tenant) {
    byte[] other = "a-secret-the-server-has-never-seen-0123456789".getBytes(StandardCharsets.UTF_8);
    return sign(claims(tenant, READ_WRITE, null, Duration.ofHours(1)), other);
  }

  /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
  public String unsigned(String tenant) {
    return new PlainJWT(claims(tenant, READ_WRITE, null, Duration.ofHours(1))).serialize();
  }

  /** A signed, unexpired token without the {@code tid} claim. */
  public String withoutTenant() {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("someone")
            .claim("scope", READ_WRITE)
            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
            .build();
    return sign(claims, secret);
  }

  private static JWTClaimsSet claims(
      String tenant, String scope, List<String> cols, Duration validFor) {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .subject("user-of-" + tenant)
            .claim("tid", tenant)
            .claim("scope", scope)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plus(validFor)));
    if (cols != null) {
      b.claim("cols", cols);
    }
    return b.build();
  }

  private static String sign(JWTClaimsSet claims, byte[] key) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a test token", e);
    }
  }
}
