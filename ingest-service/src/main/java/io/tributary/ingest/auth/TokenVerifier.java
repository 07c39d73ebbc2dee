package io.tributary.ingest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.model.Names;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies clients' bearer tokens, with {@code tid} and {@code exp}; {@code exp} and {@code nbf}
 * are checked with Nimbus' default clock skew. HS256 tokens are verified with the server's secret
 * only, RS256 and ES256 tokens with the public keys of the configured JWK set only (matched by
 * {@code kid}), so a token cannot pass by naming the other family (an HS256 token signed with a
 * public key as its secret is refused). Any other algorithm (including {@code none}), a bad
 * signature, an unknown key, an expired or not-yet-valid token, or a missing or invalid tenant is
 * refused with 401.
 *
 * <p>A token that passed is remembered until it expires ({@value #MAX_REMEMBERED} at most), so a
 * client sending the same token with every request costs a map look-up instead of a signature
 * check: only the very same token string is taken, only before its {@code exp} (with the skew), and
 * only while the JWK set is the one it was verified with (a refresh that may have dropped its key
 * forgets it).
 *
 * <p>Thread-safe; verification reads keys from memory only and never blocks.
 */
public final class TokenVerifier {

  private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  static final int MAX_REMEMBERED = 10_000;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final VerificationKeys keys;
  private final Clock clock;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  /** A token that passed, with the JWK set it passed with. */
  private record Remembered(VerifiedToken token, Object keys) {}

  /**
   * @param secret the HS256 secret, at least 32 bytes
   */
  public TokenVerifier(byte[] secret) {
    this(secret, VerificationKeys.none());
  }

  /**
   * @param secret the HS256 secret (at least 32 bytes), or null to refuse HS256 tokens
   * @param keys the public keys of RS256 and ES256 tokens
   */
  public TokenVerifier(byte[] secret, VerificationKeys keys) {
    this(secret, keys, Clock.systemUTC());
  }

  /**
   * @param clock the time {@code exp} and {@code nbf} are checked against
   */
  TokenVerifier(byte[] secret, VerificationKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    JWSKeySelector<SecurityContext> hmac =
        secret == null
            ? (header, context) -> List.of()
            : new JWSVerificationKeySelector<>(
                JWSAlgorithm.HS256, new ImmutableSecret<>(secret.clone()));
    JWKSource<SecurityContext> publicKeys = (selector, context) -> selector.select(keys.current());
    JWSKeySelector<SecurityContext> signed =
        new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, publicKeys);
    processor.setJWSKeySelector(
        (header, context) ->
            JWSAlgorithm.HS256.equals(header.getAlgorithm())
                ? hmac.selectJWSKeys(header, context)
                : signed.selectJWSKeys(header, context));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(null, new HashSet<>(List.of("tid", "exp"))) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        });
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @throws ApiError 401 when the token is missing or not acceptable
   */
  public Principal verify(String authorization) {
    return verifyToken(authorization).principal();
  }

  /**
   * Like {@link #verify}, keeping the token's expiry too (for connections that outlive a request).
   *
   * @param authorization the {@code Authorization} header, or null
   * @throws ApiError 401 when the token is missing or not acceptable
   */
  public VerifiedToken verifyToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.unauthorized("Send Authorization: Bearer <token>.");
    }
    String token = authorization.substring(7).trim();
    Object keySet = keys.current();
    Remembered known = remembered.get(token);
    if (known != null) {
      if (known.keys() == keySet && clock.instant().isBefore(known.token().expiresAt())) {
        return known.token();
      }
      remembered.remove(token);
    }
    VerifiedToken verified = verifyAnew(token);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(token, new Remembered(verified, keySet));
    return verified;
  }

  private VerifiedToken verifyAnew(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw ApiError.unauthorized("The token is not valid; get a new one.");
    }
    try {
      String tenant = claims.getStringClaim("tid");
      Optional<String> problem = Names.tenantProblem(tenant);
      if (problem.isPresent()) {
        throw ApiError.unauthorized("The token's tid is not a valid tenant; get a new token.");
      }
      return new VerifiedToken(
          new Principal(
              tenant, claims.getSubject(), scopes(claims.getClaim("scope")), cols(claims)),
          claims
              .getExpirationTime()
              .toInstant()
              .plusSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS));
    } catch (ParseException e) {
      throw ApiError.unauthorized("The token's claims have the wrong types; get a new token.");
    }
  }

  private static Set<String> scopes(Object claim) {
    Set<String> out = new HashSet<>();
    if (claim instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    } else if (claim instanceof Collection<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }

  private static Optional<Set<String>> cols(JWTClaimsSet claims) throws ParseException {
    if (claims.getClaim("cols") == null) {
      return Optional.empty();
    }
    List<String> cols = claims.getStringListClaim("cols");
    return Optional.of(Set.copyOf(cols));
  }
}
