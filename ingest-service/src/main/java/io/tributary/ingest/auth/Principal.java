package io.tributary.ingest.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request acts for, from a verified token. Immutable.
 *
 * @param tenant the token's {@code tid}: every read and write of the request is in this tenant
 * @param subject the token's {@code sub}, or null
 * @param scopes the granted scopes ({@code sync:read}, {@code sync:write}, {@code admin})
 * @param collections the token's {@code cols} claim: the only collections it may touch, or empty
 *     when unrestricted
 */
public record Principal(
    String tenant, String subject, Set<String> scopes, Optional<Set<String>> collections) {

  public static final String READ = "sync:read";
  public static final String WRITE = "sync:write";
  public static final String ADMIN = "admin";

  public Principal {
    Objects.requireNonNull(tenant, "tenant");
    scopes = Set.copyOf(scopes);
    collections = collections.map(Set::copyOf);
  }

  /** May pull and stream. */
  public boolean canRead() {
    return scopes.contains(READ) || scopes.contains(ADMIN);
  }

  /** May push. */
  public boolean canWrite() {
    return scopes.contains(WRITE) || scopes.contains(ADMIN);
  }

  /** May touch {@code collection} (always true without a {@code cols} claim). */
  public boolean mayTouch(String collection) {
    return collections.map(c -> c.contains(collection)).orElse(true);
  }
}
