package io.tributary.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Mints HS256 tokens for trying the stack out: tenant, read and write scopes, an expiry. */
final class DemoToken {

  static final String TENANT = "demo";
  static final Duration LIFETIME = Duration.ofDays(30);

  private DemoToken() {}

  /**
   * @param secret the server's {@code auth.hs256.secret} (its UTF-8 bytes are the HMAC key)
   */
  static String mint(String secret, String tenant, Instant now) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(tenant + "-user")
            .claim("tid", tenant)
            .claim("scope", "sync:read sync:write")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(
          "Cannot sign the demo token; auth.hs256.secret must have at least 32 bytes", e);
    }
    return jwt.serialize();
  }
}
