package io.tributary.ingest.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified token: who it acts for and until when. Immutable.
 *
 * @param principal never null
 * @param expiresAt when the verifier starts refusing the token: its {@code exp} plus the allowed
 *     clock skew; never null (verification requires {@code exp})
 */
public record VerifiedToken(Principal principal, Instant expiresAt) {

  public VerifiedToken {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
