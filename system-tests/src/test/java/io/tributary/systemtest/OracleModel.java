package io.tributary.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link OracleIT}'s clients sent and what the server answered, and the final state those
 * answers imply; the rules are in {@link OracleIT}'s javadoc. Thread-safe: every method is
 * synchronized (clients record from their own threads, the test checks at the end).
 */
final class OracleModel {

  /** The counter field of the counter documents; no other field is ever incremented. */
  static final String COUNTER = "likes";

  /** What a change does to its record. */
  enum Kind {
    WRITE,
    DELETE,
    INCREMENT
  }

  /**
   * A change as sent: its id, where it goes, its kind, the plain fields it carries (for a write),
   * its delta (for an increment), its client timestamp and its base rev (null: none).
   */
  record Sent(
      String changeId,
      String collection,
      String recordId,
      Kind kind,
      ObjectNode fields,
      long delta,
      long timestamp,
      String baseRev) {

    String key() {
      return collection + "/" + recordId;
    }
  }

  /** An answer: accepted (rev, superseded) or conflict (the remote rev). */
  record Answer(boolean accepted, String rev, boolean superseded) {}

  private final long seed;
  private final Map<String, String> policies;
  private final Map<String, Sent> sent = new LinkedHashMap<>();
  private final Map<String, Answer> answers = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int replayedAnswers;

  OracleModel(long seed, Map<String, String> policies) {
    this.seed = seed;
    this.policies = Map.copyOf(policies);
  }

  synchronized void sent(Sent s) {
    sent.putIfAbsent(s.changeId(), s);
  }

  /**
   * Records the answer to a change id. A change id answered before must be answered the same
   * (idempotency): accepted with the same rev and superseded flag, or a conflict again.
   */
  synchronized void answered(String changeId, Answer a) {
    Answer first = answers.putIfAbsent(changeId, a);
    if (first == null) {
      return;
    }
    replayedAnswers++;
    if (!first.equals(a)) {
      violations.add(
          "change " + changeId + " answered " + first + " first and " + a + " when pushed again");
    }
  }

  synchronized void violation(String text) {
    violations.add(text);
  }

  synchronized int answeredCount() {
    return answers.size();
  }

  synchronized int replayedAnswers() {
    return replayedAnswers;
  }

  synchronized int acceptedCount() {
    return (int) answers.values().stream().filter(Answer::accepted).count();
  }

  /**
   * Compares the server's final state ({@code collection/recordId} → the change a fresh pull
   * returned) with what the answers imply; returns every disagreement (empty when none).
   */
  synchronized List<String> check(Map<String, JsonNode> server) {
    List<String> out = new ArrayList<>(violations);
    for (Sent s : sent.values()) {
      if (!answers.containsKey(s.changeId())) {
        out.add("change " + s.changeId() + " was pushed but never answered");
      }
    }
    Map<String, List<Sent>> byRecord = new TreeMap<>();
    sent.values().forEach(s -> byRecord.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s));
    Set<String> keys = new TreeSet<>(byRecord.keySet());
    keys.addAll(server.keySet());
    for (String key : keys) {
      List<Sent> accepted =
          byRecord.getOrDefault(key, List.of()).stream()
              .filter(s -> answers.containsKey(s.changeId()))
              .filter(s -> answers.get(s.changeId()).accepted())
              .toList();
      JsonNode actual = server.get(key);
      if (accepted.isEmpty()) {
        if (actual != null) {
          out.add(key + ": on the server, but no change to it was accepted: " + actual);
        }
        continue;
      }
      String policy = policies.get(accepted.get(0).collection());
      checkCounter(key, accepted, actual, out);
      switch (policy) {
        case "lww" -> checkLww(key, accepted, actual, out);
        case "field-merge" -> checkFieldMerge(key, accepted, actual, out);
        case "client-resolves" -> checkClientResolves(key, accepted, actual, out);
        default -> throw new IllegalStateException("no oracle for policy " + policy);
      }
    }
    return out;
  }

  /** Counters: the sum of every accepted increment, once per change id. */
  private void checkCounter(String key, List<Sent> accepted, JsonNode actual, List<String> out) {
    long expected =
        accepted.stream().filter(s -> s.kind() == Kind.INCREMENT).mapToLong(Sent::delta).sum();
    boolean hasIncrements = accepted.stream().anyMatch(s -> s.kind() == Kind.INCREMENT);
    if (!hasIncrements) {
      return;
    }
    JsonNode value = actual == null ? null : actual.path("data").get(COUNTER);
    if (value == null || !value.isIntegralNumber() || value.asLong() != expected) {
      out.add(
          key
              + ": counter "
              + COUNTER
              + " should be the sum of its accepted increments, "
              + expected
              + ", but the server holds "
              + actual);
    }
  }

  /**
   * lww: the accepted write with the greatest timestamp is the document (plain fields or a
   * tombstone); it was answered not superseded; a write answered superseded names the rev of a
   * write with a greater timestamp.
   */
  private void checkLww(String key, List<Sent> accepted, JsonNode actual, List<String> out) {
    List<Sent> writes = writesAndDeletes(accepted);
    if (writes.isEmpty()) {
      return;
    }
    Sent winner = writes.stream().max(Comparator.comparingLong(Sent::timestamp)).orElseThrow();
    Answer winnerAnswer = answers.get(winner.changeId());
    if (winnerAnswer.superseded()) {
      out.add(key + ": the latest write " + winner + " was answered superseded: " + winnerAnswer);
    }
    expectDocument(key, winner.kind() == Kind.DELETE ? null : winner.fields(), actual, out);
    Map<String, Sent> byOwnRev = new HashMap<>();
    for (Sent w : writes) {
      Answer a = answers.get(w.changeId());
      if (!a.superseded()) {
        byOwnRev.put(a.rev(), w);
      }
    }
    boolean counterDoc = accepted.stream().anyMatch(s -> s.kind() == Kind.INCREMENT);
    if (!counterDoc && actual != null && !winnerAnswer.rev().equals(actual.path("id").asText())) {
      out.add(key + ": the server's rev is not the latest write's " + winnerAnswer + ": " + actual);
    }
    for (Sent w : writes) {
      Answer a = answers.get(w.changeId());
      if (!a.superseded() || counterDoc) {
        continue;
      }
      Sent by = byOwnRev.get(a.rev());
      if (by == null || by.timestamp() <= w.timestamp()) {
        out.add(
            key
                + ": "
                + w
                + " was answered superseded by rev "
                + a.rev()
                + ", which is not a later accepted write ("
                + by
                + ")");
      }
    }
    checkNoResurrection(key, writes, actual, out);
  }

  /**
   * field-merge: each field is the value of the accepted change with the greatest timestamp that
   * wrote it (a write without base writes the fields it carries; a delete writes every field); the
   * document is a tombstone when no field's latest writer is a write.
   */
  private void checkFieldMerge(String key, List<Sent> accepted, JsonNode actual, List<String> out) {
    List<Sent> writes = writesAndDeletes(accepted);
    if (writes.isEmpty()) {
      return;
    }
    Set<String> fields = new TreeSet<>();
    for (Sent w : writes) {
      if (w.kind() == Kind.WRITE) {
        w.fields().fieldNames().forEachRemaining(fields::add);
      }
    }
    ObjectNode expected = JsonNodeFactory.instance.objectNode();
    for (String f : fields) {
      Optional<Sent> last =
          writes.stream()
              .filter(w -> w.kind() == Kind.DELETE || w.fields().has(f))
              .max(Comparator.comparingLong(Sent::timestamp));
      if (last.isPresent() && last.get().kind() == Kind.WRITE) {
        expected.set(f, last.get().fields().get(f));
      }
    }
    expectDocument(key, expected.isEmpty() ? null : expected, actual, out);
    checkNoResurrection(key, writes, actual, out);
  }

  /**
   * client-resolves: compare-and-set. No two accepted writes name the same base rev; the server's
   * version is an accepted write's own rev, that write is the document, and no accepted change
   * names that rev as its base (it is the tip of the chain).
   */
  private void checkClientResolves(
      String key, List<Sent> accepted, JsonNode actual, List<String> out) {
    List<Sent> writes = writesAndDeletes(accepted);
    Map<String, Sent> byBase = new HashMap<>();
    Map<String, Sent> byOwnRev = new HashMap<>();
    for (Sent w : writes) {
      byOwnRev.put(answers.get(w.changeId()).rev(), w);
      if (w.baseRev() == null) {
        continue;
      }
      Sent other = byBase.putIfAbsent(w.baseRev(), w);
      if (other != null) {
        out.add(
            key
                + ": two writes accepted on the same base "
                + w.baseRev()
                + ": "
                + other
                + ", "
                + w);
      }
    }
    if (writes.isEmpty() || accepted.stream().anyMatch(s -> s.kind() == Kind.INCREMENT)) {
      return; // counter documents: only increments after the setup's create
    }
    if (actual == null) {
      out.add(key + ": accepted writes " + writes + " but nothing on the server");
      return;
    }
    String rev = actual.path("id").asText();
    Sent tip = byOwnRev.get(rev);
    if (tip == null) {
      out.add(key + ": the server's rev " + rev + " is no accepted write's: " + actual);
      return;
    }
    if (byBase.containsKey(rev)) {
      out.add(key + ": the server's version " + rev + " was the base of a later accepted write");
    }
    expectDocument(key, tip.kind() == Kind.DELETE ? null : tip.fields(), actual, out);
  }

  /** Nothing comes back after the latest accepted delete unless a later write recreated it. */
  private void checkNoResurrection(
      String key, List<Sent> writes, JsonNode actual, List<String> out) {
    Optional<Sent> lastDelete =
        writes.stream()
            .filter(w -> w.kind() == Kind.DELETE)
            .max(Comparator.comparingLong(Sent::timestamp));
    if (lastDelete.isEmpty() || actual == null || "delete".equals(actual.path("type").asText())) {
      return;
    }
    long deletedAt = lastDelete.get().timestamp();
    boolean recreated =
        writes.stream().anyMatch(w -> w.kind() == Kind.WRITE && w.timestamp() > deletedAt);
    if (!recreated) {
      out.add(key + ": live after " + lastDelete.get() + " with no later write: " + actual);
    }
  }

  /** The server holds {@code fields} (ignoring id and the counter), or a tombstone when null. */
  private static void expectDocument(
      String key, ObjectNode fields, JsonNode actual, List<String> out) {
    boolean deleted = actual == null || "delete".equals(actual.path("type").asText());
    if (fields == null) {
      if (!deleted) {
        out.add(key + ": should be deleted, the server holds " + actual);
      }
      return;
    }
    if (deleted) {
      out.add(key + ": should hold " + fields + ", the server holds " + actual);
      return;
    }
    ObjectNode want = plain(fields);
    ObjectNode got = plain(actual.path("data"));
    if (!want.equals(got)) {
      out.add(key + ": should hold " + want + ", the server holds " + actual);
    }
  }

  private static ObjectNode plain(JsonNode data) {
    ObjectNode copy = ((ObjectNode) data).deepCopy();
    copy.remove(List.of("id", COUNTER));
    return copy;
  }

  private static List<Sent> writesAndDeletes(List<Sent> accepted) {
    return accepted.stream().filter(s -> s.kind() != Kind.INCREMENT).toList();
  }

  @Override
  public synchronized String toString() {
    Set<String> records = new HashSet<>();
    sent.values().forEach(s -> records.add(s.key()));
    return "seed "
        + seed
        + ": "
        + sent.size()
        + " changes sent to "
        + records.size()
        + " records, "
        + acceptedCount()
        + " accepted ("
        + answers.values().stream().filter(Answer::superseded).count()
        + " superseded), "
        + answers.values().stream().filter(a -> !a.accepted()).count()
        + " conflicts, "
        + sent.values().stream().filter(x -> x.kind() == Kind.INCREMENT).count()
        + " increments, "
        + sent.values().stream().filter(x -> x.kind() == Kind.DELETE).count()
        + " deletes, "
        + replayedAnswers
        + " answers replayed";
  }
}
