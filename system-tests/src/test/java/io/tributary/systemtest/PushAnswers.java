package io.tributary.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads a dialect A push answer ({@code accepted}, {@code conflicts}, {@code errors}). */
public final class PushAnswers {

  private PushAnswers() {}

  /** The {@code accepted} entry of {@code changeId}. */
  public static Optional<JsonNode> accepted(JsonNode answer, String changeId) {
    return find(answer.path("accepted"), "id", changeId);
  }

  /** The {@code conflicts} entry of {@code changeId}. */
  public static Optional<JsonNode> conflict(JsonNode answer, String changeId) {
    return find(answer.path("conflicts"), "changeId", changeId);
  }

  /** The {@code errors} entry of {@code changeId}. */
  public static Optional<JsonNode> error(JsonNode answer, String changeId) {
    return find(answer.path("errors"), "id", changeId);
  }

  /** How many of the three lists name {@code changeId}: PROTOCOL.md says exactly one. */
  public static int listsNaming(JsonNode answer, String changeId) {
    return (accepted(answer, changeId).isPresent() ? 1 : 0)
        + (conflict(answer, changeId).isPresent() ? 1 : 0)
        + (error(answer, changeId).isPresent() ? 1 : 0);
  }

  /** The rev of an accepted change; fails when it was not accepted. */
  public static String rev(JsonNode answer, String changeId) {
    return accepted(answer, changeId)
        .map(a -> a.path("rev").asText())
        .orElseThrow(() -> new AssertionError(changeId + " not accepted: " + answer));
  }

  private static Optional<JsonNode> find(JsonNode list, String field, String value) {
    for (JsonNode n : list) {
      if (value.equals(n.path(field).asText())) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
