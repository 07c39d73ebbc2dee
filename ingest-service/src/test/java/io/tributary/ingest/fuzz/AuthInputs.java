package io.tributary.ingest.fuzz;

import io.tributary.ingest.Tokens;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The tenants of the fuzzer and the {@code Authorization} header: valid tokens of several scopes
 * and collections, and every kind of bad one (unsigned, wrong key, expired, not yet valid, claims
 * of the wrong type, another tenant's).
 */
final class AuthInputs {

  static final String TENANT = "fuzz";
  static final String OTHER_TENANT = "other";

  private AuthInputs() {}

  private static String tokenWith(
      String tenant,
      String scope,
      java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> edit) {
    return Tokens.token(tenant, scope, edit);
  }

  /**
   * The Authorization header, or none: valid tokens of several scopes, and every kind of bad one.
   */
  static Arbitrary<String> authorization() {
    Arbitrary<String> scope =
        Arbitraries.of(
            "sync:read sync:write",
            "sync:read sync:write admin",
            "sync:read",
            "sync:write",
            "admin",
            "",
            "sync:read  sync:write");
    Arbitrary<String> valid = scope.map(s -> "Bearer " + Tokens.token(TENANT, s));
    Arbitrary<String> withCols =
        Combinators.combine(scope, IdInputs.collectionName().list().ofMaxSize(2))
            .as((s, cols) -> "Bearer " + Tokens.withCols(TENANT, s, cols));
    Arbitrary<String> bad =
        Arbitraries.of(
            "",
            "Bearer",
            "Bearer ",
            "bearer " + Tokens.token(TENANT, "sync:read sync:write"),
            "Basic dXNlcjpwYXNz",
            "Bearer a.b.c",
            "Bearer ...",
            "Bearer " + "A".repeat(6000),
            "Bearer " + Tokens.unsigned(TENANT, "sync:read sync:write admin"),
            "Bearer "
                + Tokens.signed(
                    Tokens.claims(TENANT, "sync:read sync:write admin").build(),
                    Tokens.OTHER_SECRET),
            "Bearer "
                + tokenWith(
                    TENANT,
                    "sync:read sync:write admin",
                    b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
            "Bearer "
                + tokenWith(
                    TENANT,
                    "sync:read sync:write admin",
                    b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
            "Bearer "
                + tokenWith(TENANT, "sync:read sync:write admin", b -> b.expirationTime(null)),
            "Bearer " + Tokens.token(null, "sync:read sync:write admin"),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("tid", 42)),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("scope", List.of("sync:read"))),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("cols", "todos")),
            "Bearer " + tokenWith("", "sync:read sync:write", b -> b),
            "Bearer " + tokenWith("\u0000\u00e9", "sync:read sync:write", b -> b),
            "Bearer " + Tokens.token(OTHER_TENANT, "sync:read sync:write admin"));
    Arbitrary<String> tampered =
        Combinators.combine(
                valid, Arbitraries.integers().between(8, 400), Arbitraries.chars().alpha())
            .as(
                (v, i, ch) -> {
                  char[] a = v.toCharArray();
                  a[i % a.length] = ch;
                  return new String(a);
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, valid),
        net.jqwik.api.Tuple.of(2, withCols),
        net.jqwik.api.Tuple.of(4, bad),
        net.jqwik.api.Tuple.of(1, tampered),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
  }
}
