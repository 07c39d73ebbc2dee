package io.tributary.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The version a client says it edited: the precondition of a compare-and-set write.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: no base given (a dialect-A change without {@code baseRev} or {@code
 *       prevData}); under {@code client-resolves} it conflicts only with a live document.
 *   <li>{@link Kind#REV}: {@code baseRev}; conflicts when the document exists at another rev.
 *   <li>{@link Kind#STATE}: RxDB's {@code assumedMasterState} or dialect A's {@code prevData};
 *       {@code state == null} means "assumed absent". Conflicts when the document exists and its
 *       fields or deleted flag differ.
 * </ul>
 *
 * @param rev the base revision, only for {@link Kind#REV}
 * @param state the assumed fields (reserved fields removed), only for {@link Kind#STATE}; may be
 *     null there
 * @param deleted whether the assumed state is a tombstone, only for {@link Kind#STATE}
 */
public record Base(Kind kind, String rev, ObjectNode state, boolean deleted) {

  public enum Kind {
    NONE,
    REV,
    STATE
  }

  private static final Base NONE = new Base(Kind.NONE, null, null, false);
  private static final Base ABSENT = new Base(Kind.STATE, null, null, false);

  public Base {
    Objects.requireNonNull(kind, "kind");
  }

  public static Base none() {
    return NONE;
  }

  public static Base rev(String rev) {
    return new Base(Kind.REV, Objects.requireNonNull(rev, "rev"), null, false);
  }

  /** RxDB's {@code assumedMasterState: null}: the client believes the document does not exist. */
  public static Base assumedAbsent() {
    return ABSENT;
  }

  public static Base state(ObjectNode state, boolean deleted) {
    return new Base(Kind.STATE, null, Objects.requireNonNull(state, "state"), deleted);
  }
}
