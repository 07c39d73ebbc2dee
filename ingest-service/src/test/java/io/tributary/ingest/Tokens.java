package io.tributary.ingest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Mints test tokens. */
public final class Tokens {

  public static final String SECRET = "test-secret-test-secret-test-secret-0123";
  public static final String OTHER_SECRET = "another-secret-another-secret-another-99";

  private Tokens() {}

  public static JWTClaimsSet.Builder claims(String tenant, String scope) {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .subject("user-1")
            .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    if (tenant != null) {
      b.claim("tid", tenant);
    }
    if (scope != null) {
      b.claim("scope", scope);
    }
    return b;
  }

  public static String signed(JWTClaimsSet claims, String secret) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String token(String tenant, String scope) {
    return signed(claims(tenant, scope).build(), SECRET);
  }

  public static String token(
      String tenant, String scope, UnaryOperator<JWTClaimsSet.Builder> edit) {
    return signed(edit.apply(claims(tenant, scope)).build(), SECRET);
  }

  public static String withCols(String tenant, String scope, List<String> cols) {
    return token(tenant, scope, b -> b.claim("cols", cols));
  }

  public static String unsigned(String tenant, String scope) {
    return new PlainJWT(claims(tenant, scope).build()).serialize();
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
