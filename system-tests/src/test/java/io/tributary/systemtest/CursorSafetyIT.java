package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cursors never skip a version under concurrent writes: readers that pull continuously while
 * writers update overlapping documents end, from their own cursors, with exactly the state the
 * writers' answers imply. Seeded: {@code -Dseed=N} replays a run; the seed is printed at the start
 * and in every failure message.
 */
class CursorSafetyIT extends StackPerClass {

  private static final Logger LOG = LoggerFactory.getLogger(CursorSafetyIT.class);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COLLECTION = "items";
  private static final int DOCUMENTS = 12;
  private static final int WRITERS = 3;
  private static final int READERS = 3;
  private static final Duration WRITE_FOR = Duration.ofSeconds(10);

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.projectors(2).ingests(2);
  }

  /** A change a writer sent: its id, record, client timestamp, writer:sequence and kind. */
  private record Sent(
      String changeId, String recordId, long timestamp, String writerSeq, boolean delete) {}

  /** A sent change with its answer: the rev when accepted, and "accepted" or "superseded". */
  private record Written(Sent sent, String rev, String status) {}

  @Test
  void shouldLeaveEveryReaderWithTheWritersFinalStateWhenPullingConcurrentlyFromOwnCursors()
      throws Exception {
    long seed = seed();
    LOG.info("CursorSafetyIT seed={} (replay with -Dseed={})", seed, seed);
    String tenant = TestIds.tenant();
    AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    AtomicBoolean writing = new AtomicBoolean(true);
    Map<String, List<Written>> answers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    try {
      // Given readers pulling continuously, each from its own cursor
      List<Future<CursorReader>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        CursorReader reader =
            new CursorReader(r, List.of(client(tenant, 0), client(tenant, 1)), seed);
        readers.add(pool.submit(() -> reader.runWhile(writing)));
      }

      // When writers push random updates and deletes of overlapping documents
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> write(writer, client(tenant, writer), seed, clock, answers)));
      }
      for (Future<?> f : writers) {
        get(f, seed);
      }
      writing.set(false);

      // Then each reader, continuing from its own last cursor until hasMore is false,
      List<CursorReader> done = new ArrayList<>();
      for (Future<CursorReader> f : readers) {
        CursorReader reader = get(f, seed);
        reader.pullUntilCaughtUp();
        done.add(reader);
      }
      // holds what a fresh pull holds, and what the writers' answers imply
      Map<String, String> fresh =
          new Replica().apply(stack.changeFeed(tenant).pullToEnd(null, 7).changes()).view();
      Map<String, String> implied = impliedFinalState(answers);
      int writes = answers.values().stream().mapToInt(List::size).sum();
      LOG.info("seed={}: {} writes answered, {} documents", seed, writes, implied.size());
      assertThat(writes).as("seed %d: writers made progress", seed).isGreaterThan(30);
      assertThat(revsAndFlags(fresh))
          .as("seed %d: fresh pull vs writers' answers", seed)
          .isEqualTo(implied);
      for (CursorReader reader : done) {
        assertThat(reader.replica.view())
            .as("seed %d: reader %d vs a fresh pull", seed, reader.index)
            .isEqualTo(fresh);
        assertThat(reader.rePulls)
            .as("seed %d: reader %d re-pulled saved cursors", seed, reader.index)
            .isPositive();
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private ChangeFeedClient client(String tenant, int i) {
    return new ChangeFeedClient(stack.api(i % 2), stack.tokens().readWrite(tenant));
  }

  /** Pushes 1–3 changes at a time to random documents until WRITE_FOR passed. */
  private static Void write(
      int writer,
      ChangeFeedClient client,
      long seed,
      AtomicLong clock,
      Map<String, List<Written>> answers) {
    Random random = new Random(seed * 31 + writer);
    long until = System.nanoTime() + WRITE_FOR.toNanos();
    int seq = 0;
    while (System.nanoTime() < until) {
      int n = 1 + random.nextInt(3);
      List<ObjectNode> changes = new ArrayList<>();
      List<Sent> pending = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String recordId = "doc-" + random.nextInt(DOCUMENTS);
        boolean delete = random.nextInt(10) == 0;
        long timestamp = clock.incrementAndGet();
        String writerSeq = writer + ":" + (++seq);
        ObjectNode data =
            JsonNodeFactory.instance
                .objectNode()
                .put("id", recordId)
                .put("w", writerSeq)
                .put("ts", timestamp);
        String changeId = "w" + writer + "-" + seq + "-" + seed;
        changes.add(
            change(changeId, delete ? "delete" : "update", COLLECTION, recordId, data)
                .put("timestamp", timestamp));
        pending.add(new Sent(changeId, recordId, timestamp, writerSeq, delete));
      }
      JsonNode answer = pushUntilAnswered(client, changes, seed);
      for (Sent p : pending) {
        String changeId = p.changeId();
        String status;
        String rev = null;
        if (PushAnswers.accepted(answer, changeId).isPresent()) {
          JsonNode a = PushAnswers.accepted(answer, changeId).get();
          rev = a.path("rev").asText();
          status = a.path("superseded").asBoolean(false) ? "superseded" : "accepted";
        } else if (PushAnswers.conflict(answer, changeId).isPresent()) {
          status = "superseded";
        } else {
          throw new AssertionError(
              "seed " + seed + ": " + changeId + " neither accepted nor superseded: " + answer);
        }
        answers
            .computeIfAbsent(p.recordId(), k -> Collections.synchronizedList(new ArrayList<>()))
            .add(new Written(p, rev, status));
      }
    }
    return null;
  }

  /** A 504 leaves the outcome unknown: the same change ids are pushed again (idempotent). */
  private static JsonNode pushUntilAnswered(
      ChangeFeedClient client, List<ObjectNode> changes, long seed) {
    for (int attempt = 0; attempt < 10; attempt++) {
      ApiResponse r = client.push(changes.toArray(ObjectNode[]::new));
      if (r.status() == 200) {
        return r.json();
      }
      assertThat(r.status()).as("seed %d: push %s", seed, r).isIn(503, 504);
    }
    throw new AssertionError("seed " + seed + ": push never answered");
  }

  /** Per record, the write with the greatest timestamp wins (lww); its rev and delete flag. */
  private static Map<String, String> impliedFinalState(Map<String, List<Written>> answers) {
    Map<String, String> implied = new TreeMap<>();
    answers.forEach(
        (recordId, list) -> {
          Written winner;
          synchronized (list) {
            winner =
                list.stream()
                    .max(Comparator.comparingLong(w -> w.sent().timestamp()))
                    .orElseThrow();
          }
          String what = winner.sent().delete() ? "delete" : "live " + winner.sent().writerSeq();
          implied.put(recordId, winner.rev() + " " + what + " " + winner.status());
        });
    return implied;
  }

  /** The fresh pull's view reduced to what the answers can predict: rev, deleted flag, writer. */
  private static Map<String, String> revsAndFlags(Map<String, String> view) {
    Map<String, String> out = new TreeMap<>();
    view.forEach(
        (recordId, v) -> {
          String[] parts = v.split(" ", 3);
          JsonNode data = parse(parts[2]);
          String what = "delete".equals(parts[1]) ? "delete" : "live " + data.path("w").asText();
          out.put(recordId, parts[0] + " " + what + " accepted");
        });
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static <T> T get(Future<T> f, long seed) throws InterruptedException {
    try {
      return f.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new AssertionError("seed " + seed + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("seed " + seed + ": a worker did not finish", e);
    }
  }

  static long seed() {
    String s = System.getProperty("seed", "");
    return s.isBlank() || s.startsWith("$") ? new Random().nextLong() : Long.parseLong(s.trim());
  }
}
