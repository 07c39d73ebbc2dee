package io.tributary.protocol.model;

import java.util.Objects;

/**
 * The projector's answer to one change, sent on {@code outcomes} and kept for idempotency: a change
 * id processed again is answered with the outcome it got the first time.
 *
 * @param correlationId the correlation id of the change record this answers (the latest push of
 *     that change id, so a retried push is answered on its own correlation id)
 * @param status what happened
 * @param rev for {@link Status#ACCEPTED}, the new version's rev; for {@link Status#SUPERSEDED}, the
 *     winning version's rev; else null
 * @param hlc the server clock stamp of the change
 * @param current for {@link Status#SUPERSEDED} and {@link Status#CONFLICT}, the version that is
 *     current; null when there is none
 * @param errorCode for {@link Status#REJECTED}, a PROTOCOL.md error code
 * @param message for {@link Status#REJECTED}, a human sentence (never contains document data)
 */
public record Outcome(
    String correlationId,
    String changeId,
    Status status,
    String rev,
    long hlc,
    DocumentVersion current,
    String errorCode,
    String message) {

  public enum Status {
    /** Written: the document's new version is this change. */
    ACCEPTED,
    /**
     * Accepted but not current: a later write (by the policy's order) wins. Never lost silently.
     */
    SUPERSEDED,
    /** Refused by compare-and-set: the client must resolve against {@code current} and retry. */
    CONFLICT,
    /** Refused as invalid. */
    REJECTED
  }

  public Outcome {
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(status, "status");
  }

  /** The same outcome, addressed to another push of the same change id. */
  public Outcome withCorrelationId(String newCorrelationId) {
    return new Outcome(newCorrelationId, changeId, status, rev, hlc, current, errorCode, message);
  }
}
