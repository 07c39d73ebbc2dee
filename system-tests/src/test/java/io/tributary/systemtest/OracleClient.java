package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.systemtest.OracleModel.Answer;
import io.tributary.systemtest.OracleModel.Kind;
import io.tributary.systemtest.OracleModel.Sent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One simulated dialect A client of {@link OracleIT}: a local replica (what it pulled, from its own
 * cursor), what it knows of each record's server version, and an offline queue. It edits documents
 * of every policy at random, goes offline and online at random, pushes its queue when online
 * (retrying 503, 504 and refused connections with the same change ids, on the other ingest instance
 * when its own is down), sometimes pushes an answered batch again as if the answer had been lost,
 * and resolves {@code client-resolves} conflicts by taking the remote master and applying its edit
 * again. Every change and answer goes to the {@link OracleModel}. Not thread-safe: one thread
 * drives one client.
 */
final class OracleClient {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Duration PUSH_PATIENCE = Duration.ofMinutes(2);
  private static final String[] FIELDS = {"a", "b", "c"};

  /** A server version as this client knows it; {@code data} null when it knows none. */
  private record Known(String rev, boolean deleted, ObjectNode data) {}

  /**
   * An edit waiting in the queue. Under lww and field-merge it is a change made when the user
   * edited ({@code change} set); under client-resolves it is the user's intent (fields to set, a
   * delete, or a delta), made into a change against the version known when it is pushed.
   */
  private static final class Pending {
    final String collection;
    final String recordId;
    final Kind kind;
    final ObjectNode fields;
    final long delta;
    ObjectNode change;
    Sent sent;

    Pending(String collection, String recordId, Kind kind, ObjectNode fields, long delta) {
      this.collection = collection;
      this.recordId = recordId;
      this.kind = kind;
      this.fields = fields;
      this.delta = delta;
    }
  }

  private final int index;
  private final long seed;
  private final Random random;
  private final TributaryStack stack;
  private final String token;
  private final OracleModel model;
  private final AtomicLong clock;
  private final Map<String, String> policies;
  private final int documents;
  private final Replica replica = new Replica();
  private final Map<String, Known> known = new HashMap<>();
  private final Deque<Pending> queue = new ArrayDeque<>();
  private String cursor;
  private boolean online = true;
  private int ingest;
  private int sequence;
  private int pushes;
  private int pulls;
  private int retries;
  private int offlineSteps;

  OracleClient(
      int index,
      long seed,
      TributaryStack stack,
      String token,
      OracleModel model,
      AtomicLong clock,
      Map<String, String> policies,
      int documents) {
    this.index = index;
    this.seed = seed;
    this.random = new Random(seed * 1_000_003L + index);
    this.stack = stack;
    this.token = token;
    this.model = model;
    this.clock = clock;
    this.policies = policies;
    this.documents = documents;
    this.ingest = index % 2;
  }

  int index() {
    return index;
  }

  int pushes() {
    return pushes;
  }

  /** Pushes retried after a 503, a 504 or a refused connection. */
  int retries() {
    return retries;
  }

  int offlineSteps() {
    return offlineSteps;
  }

  Replica replica() {
    return replica;
  }

  /** One user step: an edit, maybe a change of connectivity, then a push (and pull) if online. */
  void step() {
    edit();
    if (random.nextInt(8) == 0) {
      online = !online;
    }
    if (!online) {
      offlineSteps++;
    }
    if (online) {
      flush(1);
      if (random.nextInt(3) == 0) {
        pullToEnd();
      }
    }
  }

  /** Goes online and pushes everything queued, resolving conflicts again until none is left. */
  void pushAll() {
    online = true;
    flush(100);
    if (!queue.isEmpty()) {
      throw new AssertionError(
          "seed " + seed + ": client " + index + " could not empty its queue: " + queue.size());
    }
  }

  /** Pulls from its own cursor to the end, retrying while partitions move. */
  void pullAll() {
    try {
      await("seed " + seed + ": client " + index + " pulls to the end")
          .atMost(PUSH_PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(this::pullToEnd);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "seed " + seed + ": client " + index + " never pulled to the end", e);
    }
  }

  /** A random edit of a random document, queued. */
  private void edit() {
    List<String> collections = new ArrayList<>(policies.keySet());
    String collection = collections.get(random.nextInt(collections.size()));
    String policy = policies.get(collection);
    boolean counterDoc = random.nextInt(4) == 0;
    if (counterDoc) {
      String recordId = collection + "-k" + random.nextInt(2);
      boolean titleWrite = !"client-resolves".equals(policy) && random.nextInt(4) == 0;
      if (titleWrite) {
        ObjectNode fields = F.objectNode().put("title", "t" + index + "-" + sequence);
        enqueue(new Pending(collection, recordId, Kind.WRITE, fields, 0), true);
      } else {
        long delta = random.nextInt(9) - 3L;
        enqueue(new Pending(collection, recordId, Kind.INCREMENT, null, delta), false);
      }
      return;
    }
    // record ids name their collection: a Replica is keyed by record id alone
    String recordId = collection + "-d" + random.nextInt(documents);
    if (random.nextInt(6) == 0) {
      enqueue(new Pending(collection, recordId, Kind.DELETE, null, 0), false);
    } else {
      ObjectNode fields = F.objectNode();
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) {
        fields.put(FIELDS[random.nextInt(FIELDS.length)], "c" + index + "-" + sequence + "-" + i);
      }
      enqueue(new Pending(collection, recordId, Kind.WRITE, fields, 0), false);
    }
  }

  private void enqueue(Pending p, boolean wholeTitleDocument) {
    sequence++;
    String policy = policies.get(p.collection);
    if (!"client-resolves".equals(policy)) {
      p.change = concreteChange(p, policy, wholeTitleDocument);
    }
    queue.addLast(p);
  }

  /** lww and field-merge: the change is made (and stamped) when the user edits. */
  private ObjectNode concreteChange(Pending p, String policy, boolean wholeTitleDocument) {
    String key = p.collection + "/" + p.recordId;
    long timestamp = clock.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
    String changeId = changeId();
    ObjectNode data = F.objectNode().put("id", p.recordId);
    String type;
    ObjectNode written = null;
    switch (p.kind) {
      case DELETE -> {
        type = "delete";
        known.put(key, new Known(null, true, null));
      }
      case INCREMENT -> {
        type = "update";
        data.putObject(OracleModel.COUNTER).put("$increment", p.delta);
      }
      default -> {
        type = "update";
        Known k = known.get(key);
        if ("lww".equals(policy) && !wholeTitleDocument && k != null && !k.deleted()) {
          // lww writes the whole document: the known version with the user's fields set
          data.setAll(plainFields(k.data()));
        }
        data.setAll(p.fields);
        written = data.deepCopy();
        written.remove("id");
        Known before = known.get(key);
        ObjectNode local =
            before == null || before.data() == null ? F.objectNode() : plainFields(before.data());
        local.setAll(written);
        known.put(key, new Known(before == null ? null : before.rev(), false, local));
      }
    }
    ObjectNode c =
        change(changeId, type, p.collection, p.recordId, data).put("timestamp", timestamp);
    p.sent =
        new Sent(changeId, p.collection, p.recordId, p.kind, written, p.delta, timestamp, null);
    return c;
  }

  /**
   * client-resolves: the intent made into a change against the version this client knows now; null
   * when there is nothing to do (a delete of a document it knows as absent).
   */
  private ObjectNode casChange(Pending p) {
    String key = p.collection + "/" + p.recordId;
    Known k = known.get(key);
    boolean live = k != null && !k.deleted() && k.data() != null;
    String baseRev = k == null ? null : k.rev();
    long timestamp = clock.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
    String changeId = changeId();
    ObjectNode data = F.objectNode().put("id", p.recordId);
    String type;
    ObjectNode written = null;
    switch (p.kind) {
      case DELETE -> {
        if (!live) {
          return null;
        }
        type = "delete";
      }
      case INCREMENT -> {
        type = "update";
        baseRev = null;
        data.putObject(OracleModel.COUNTER).put("$increment", p.delta);
      }
      default -> {
        type = live ? "update" : "create";
        if (live) {
          data.setAll(plainFields(k.data()));
        }
        data.setAll(p.fields);
        written = data.deepCopy();
        written.remove("id");
      }
    }
    ObjectNode c =
        change(changeId, type, p.collection, p.recordId, data).put("timestamp", timestamp);
    if (baseRev != null) {
      c.put("baseRev", baseRev);
    }
    p.change = c;
    p.sent =
        new Sent(changeId, p.collection, p.recordId, p.kind, written, p.delta, timestamp, baseRev);
    return c;
  }

  private String changeId() {
    return "s" + seed + "-c" + index + "-" + (++sequence);
  }

  /** Pushes the queue, at most {@code rounds} times (conflicts put intents back in the queue). */
  private void flush(int rounds) {
    for (int round = 0; round < rounds && !queue.isEmpty(); round++) {
      List<Pending> batch = new ArrayList<>();
      Set<String> casRecords = new HashSet<>();
      List<Pending> later = new ArrayList<>();
      while (!queue.isEmpty() && batch.size() < 20) {
        Pending p = queue.pollFirst();
        if (!"client-resolves".equals(policies.get(p.collection))) {
          batch.add(p);
        } else if (!casRecords.add(p.collection + "/" + p.recordId)) {
          later.add(p); // one compare-and-set per record per push: the next needs this one's rev
        } else if (casChange(p) != null) {
          batch.add(p);
        }
      }
      for (int i = later.size() - 1; i >= 0; i--) {
        queue.addFirst(later.get(i));
      }
      if (batch.isEmpty()) {
        continue;
      }
      batch.forEach(p -> model.sent(p.sent));
      JsonNode answer = pushUntilAnswered(batch);
      if (random.nextInt(10) == 0) {
        // as if the answer were lost: the same change ids again must get the same outcomes
        record(batch, pushUntilAnswered(batch), false);
      }
      record(batch, answer, true);
    }
  }

  /** Records the answer of every change of the batch; the first time, also acts on it. */
  private void record(List<Pending> batch, JsonNode answer, boolean act) {
    List<Pending> retry = new ArrayList<>();
    for (Pending p : batch) {
      String id = p.sent.changeId();
      JsonNode accepted = PushAnswers.accepted(answer, id).orElse(null);
      JsonNode conflict = PushAnswers.conflict(answer, id).orElse(null);
      if (accepted != null) {
        String rev = accepted.path("rev").asText();
        model.answered(id, new Answer(true, rev, accepted.path("superseded").asBoolean(false)));
        if (act
            && "client-resolves".equals(policies.get(p.collection))
            && p.kind != Kind.INCREMENT) {
          ObjectNode data = p.kind == Kind.DELETE ? null : (ObjectNode) p.change.path("data");
          known.put(p.collection + "/" + p.recordId, new Known(rev, data == null, data));
        }
      } else if (conflict != null) {
        String remoteRev = conflict.path("remoteRev").asText(null);
        model.answered(id, new Answer(false, remoteRev, false));
        if (!"client-resolves".equals(policies.get(p.collection)) || p.kind == Kind.INCREMENT) {
          model.violation(
              "seed "
                  + seed
                  + ": "
                  + p.sent
                  + " got a conflict its policy never reports: "
                  + conflict);
        } else if (act) {
          // take the remote master, then apply the same intent to it in a later push
          JsonNode remote = conflict.get("remote");
          boolean absent = remote == null || remote.isNull() || remote.path("_deleted").asBoolean();
          known.put(
              p.collection + "/" + p.recordId,
              new Known(remoteRev, absent, absent ? null : (ObjectNode) remote));
          retry.add(p);
        }
      } else {
        model.violation(
            "seed " + seed + ": " + p.sent + " not accepted and not a conflict: " + answer);
      }
    }
    for (int i = retry.size() - 1; i >= 0; i--) {
      queue.addFirst(retry.get(i));
    }
  }

  /** Pushes until a 200; 503, 504 and refused connections are retried with the same ids. */
  private JsonNode pushUntilAnswered(List<Pending> batch) {
    ObjectNode body = F.objectNode();
    batch.forEach(p -> body.withArray("changes").add(p.change));
    AtomicReference<String> last = new AtomicReference<>("no answer yet");
    try {
      JsonNode answer =
          await("seed " + seed + ": client " + index + " push answered")
              .atMost(PUSH_PATIENCE)
              .pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(200))
              .until(() -> tryPush(body, last), a -> a != null);
      pushes++;
      return answer;
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "seed " + seed + ": client " + index + " push never answered 200, last: " + last.get(),
          e);
    }
  }

  private JsonNode tryPush(ObjectNode body, AtomicReference<String> last) {
    Api api = stack.api(ingest);
    try {
      ApiResponse r = api.postJson("/v1/sync/push", token, body);
      if (r.status() == 200) {
        return r.json();
      }
      last.set(r.toString());
      retries++;
      if (r.status() != 503 && r.status() != 504) {
        throw new AssertionError("seed " + seed + ": client " + index + " push answered " + r);
      }
      if (r.status() == 503) {
        ingest = 1 - ingest; // a stopping or unready instance: try the other one
      }
      return null;
    } catch (UncheckedIOException e) {
      last.set(e.toString());
      retries++;
      ingest = 1 - ingest; // its instance is down: switch to the other
      return null;
    }
  }

  /** Pulls from this client's cursor to the end into its replica; false when a pull failed. */
  private boolean pullToEnd() {
    ChangeFeedClient client = new ChangeFeedClient(stack.api(ingest), token);
    try {
      ChangeFeedClient.Page page = client.pullToEnd(cursor, 1 + random.nextInt(40));
      replica.apply(page.changes());
      for (JsonNode c : page.changes()) {
        boolean deleted = "delete".equals(c.path("type").asText());
        JsonNode data = c.get("data");
        known.put(
            c.path("collection").asText() + "/" + c.path("recordId").asText(),
            new Known(
                c.path("id").asText(),
                deleted,
                deleted || data == null || !data.isObject() ? null : (ObjectNode) data));
      }
      cursor = page.cursor();
      pulls++;
      return true;
    } catch (ChangeFeedClient.PullFailed | UncheckedIOException e) {
      ingest = 1 - ingest;
      return false;
    }
  }

  private static ObjectNode plainFields(ObjectNode data) {
    ObjectNode copy = data == null ? F.objectNode() : data.deepCopy();
    copy.remove(List.of("id", OracleModel.COUNTER));
    return copy;
  }

  @Override
  public String toString() {
    return "client "
        + index
        + " ("
        + pushes
        + " pushes, "
        + pulls
        + " pulls, "
        + replica.size()
        + " records)";
  }
}
