package io.tributary.bench.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/** The run's HS256 secret and tokens for benchmark tenants (read and write, valid one day). */
public final class Tokens {

  private final String secret;

  private Tokens(String secret) {
    this.secret = secret;
  }

  /** Tokens signed with a server's existing secret (at least 32 bytes). */
  public static Tokens of(String secret) {
    return new Tokens(secret);
  }

  public static Tokens random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new Tokens(HexFormat.of().formatHex(bytes));
  }

  /** The value the server needs as {@code auth.hs256.secret}. */
  public String secret() {
    return secret;
  }

  public String mint(String tenant) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("bench")
            .claim("tid", tenant)
            .claim("scope", "sync:read sync:write")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("A 64-character secret always signs", e);
    }
    return jwt.serialize();
  }
}
