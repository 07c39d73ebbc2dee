package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.systemtest.OracleModel.Answer;
import io.tributary.systemtest.OracleModel.Kind;
import io.tributary.systemtest.OracleModel.Sent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The randomized oracle test: many simulated clients ({@link OracleClient}), each with its own
 * replica and offline queue, edit a small set of documents in one collection of each policy ({@code
 * lww}, {@code field-merge}, {@code client-resolves}), go offline and online at random, and push
 * and pull through two ingest instances backed by two projectors, while the test closes and
 * restarts projectors and ingest instances mid-run. At the end every client pushes everything and
 * pulls to the end, and the result is checked against the {@link OracleModel}, built only from what
 * the clients sent and what the server answered.
 *
 * <p>Seeded: {@code -Dseed=N} replays the clients' choices (thread timing and the moments of the
 * restarts are not reproducible); the seed is printed at the start and is in every failure message.
 * {@code -Doracle.long=true} runs the long version: more clients, steps and restarts, repeated for
 * {@code -Doracle.runs} seeds (default 10: N, N+1, ...) on one stack, a fresh tenant per seed.
 *
 * <p>What the clients do. Every record id names its collection. Each collection has a few plain
 * documents (fields {@code a}, {@code b}, {@code c}; created, updated and deleted at random) and
 * two counter documents (created by the test with a {@code title}, never deleted, field {@code
 * likes} only ever changed by {@code {"$increment": n}}, {@code title} rewritten under lww and
 * field-merge). Under lww a write carries the whole document as the client knows it; under
 * field-merge a write carries only the fields it sets and no base; under client-resolves a write
 * carries the whole document and the {@code baseRev} the client knows, and a conflict makes the
 * client take the remote master and apply the same edit to it in a new change. Client timestamps
 * come from one strictly increasing clock near the server's, and the ingest instances allow a skew
 * of an hour, so every stamp is the client's timestamp and the stamp order is known to the test. A
 * push is retried after 503, 504 or a refused connection with the same change ids (on the other
 * ingest instance when its own is down); one push in ten is sent again after its answer, as if the
 * answer had been lost. A few dialect B clients ({@link OracleRxdbClient}) push increment rows with
 * a {@code changeId} to the counter documents, offline and online, and keep a replica per
 * collection from their own checkpoints.
 *
 * <p>Restarts: evenly spread over the run, the test closes a projector (its partitions move to the
 * other), waits until the clients have had 60 more changes answered, and starts a replacement on
 * the same state dir and port; then the same with an ingest instance (its clients switch to the
 * other one; the replacement has a new port). Which projector and ingest alternates in the long
 * version.
 *
 * <p>The oracle's rules, each checkable from the answers alone:
 *
 * <ol>
 *   <li><b>Replicas</b>: every client's replica (what it pulled from its own cursor) equals a fresh
 *       pull from scratch: same records, revs, types and data; every dialect B client's replica of
 *       each collection equals a fresh dialect B pull of it.
 *   <li><b>Answers</b>: every change id pushed is answered in the accepted or conflicts list (never
 *       an error); a change id answered twice gets the same answer (accepted with the same rev and
 *       superseded flag, or a conflict with the same remote rev); only client-resolves writes ever
 *       get a conflict (never an increment).
 *   <li><b>lww</b> (the server's order is the stamp order, here the clients' timestamps; the
 *       superseded answers must agree with it): the accepted write or delete with the greatest
 *       timestamp is the server's document (its plain fields, or a tombstone); it was answered not
 *       superseded; on a document without increments, the server's rev is that answer's rev, and a
 *       write answered superseded names the rev of an accepted write with a greater timestamp.
 *   <li><b>field-merge</b>: each field holds the value of the accepted change with the greatest
 *       timestamp that wrote it (a write writes the fields it carries, a delete writes them all);
 *       the document is a tombstone when no field's latest writer is a write.
 *   <li><b>client-resolves</b>: no two accepted writes name the same base rev (compare-and-set lost
 *       nothing); on a document without increments the server's rev is the rev some accepted write
 *       was answered with, that write is the document (fields or tombstone), and no accepted write
 *       names that rev as its base.
 *   <li><b>Counters</b>: {@code likes} is the sum of the deltas of every accepted increment (a
 *       dialect B row counts as accepted when the answer does not list it as a conflict), each
 *       change id once however often it was pushed.
 *   <li><b>No resurrection</b> (lww, field-merge): a document that is live on the server has an
 *       accepted write with a greater timestamp than its latest accepted delete. Under
 *       client-resolves rule 5 covers it: the server's version is the tip of the chain of accepted
 *       writes, and it is a delete's when that delete was the last.
 * </ol>
 *
 * <p>Not checked: the revs of field-merge versions (every change makes a merged version, in arrival
 * order, which the answers do not reveal), which rev a superseded lww answer names on counter
 * documents (increments make versions that no write's answer names), and dialect B writes of plain
 * fields (their answers carry no rev, and their stamps are the server's receive time, so neither
 * the lww order nor the compare-and-set chain could be checked exactly).
 */
class OracleIT extends StackPerClass {

  private static final Logger LOG = LoggerFactory.getLogger(OracleIT.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final Map<String, String> POLICIES =
      Map.of("notes", "lww", "cards", "field-merge", "tasks", "client-resolves");

  /** The shape of one run. */
  private record Shape(int clients, int rxdbClients, int steps, int documents, int restarts) {}

  private static final Shape SHORT = new Shape(8, 2, 80, 3, 2);
  private static final Shape LONG = new Shape(16, 4, 400, 4, 8);

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    TributaryStack.Builder b =
        builder
            .projectors(2)
            .ingests(2)
            .ingestSetting("clock.max.skew.ms", "3600000")
            .ingestSetting("push.timeout.ms", "3000");
    POLICIES.forEach(b::policy);
    return b;
  }

  @Test
  void shouldMatchTheOracleForRandomOfflineClientsAcrossEveryPolicyWithRestarts() throws Exception {
    long seed = CursorSafetyIT.seed();
    boolean longRun = Boolean.getBoolean("oracle.long");
    int runs = longRun ? Integer.getInteger("oracle.runs", 10) : 1;
    Shape shape = longRun ? LONG : SHORT;
    LOG.info("OracleIT seed={} (replay with -Dseed={}), {} run(s) of {}", seed, seed, runs, shape);
    List<String> results = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long runSeed = seed + run;
      long started = System.nanoTime();
      String summary = runOnce(runSeed, shape);
      String result =
          "seed "
              + runSeed
              + " passed in "
              + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
              + " s: "
              + summary;
      LOG.info("OracleIT {}", result);
      results.add(result);
    }
    LOG.info("OracleIT results:\n  {}", String.join("\n  ", results));
  }

  private String runOnce(long seed, Shape shape) throws Exception {
    LOG.info("OracleIT run seed={} (replay with -Dseed={})", seed, seed);
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    OracleModel model = new OracleModel(seed, POLICIES);
    AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    createCounterDocuments(seed, token, model, clock);

    List<OracleClient> clients = new ArrayList<>();
    for (int i = 0; i < shape.clients(); i++) {
      clients.add(
          new OracleClient(i, seed, stack, token, model, clock, POLICIES, shape.documents()));
    }
    List<OracleRxdbClient> rxdbClients = new ArrayList<>();
    for (int i = 0; i < shape.rxdbClients(); i++) {
      rxdbClients.add(
          new OracleRxdbClient(
              i,
              seed,
              stack,
              token,
              model,
              clock,
              new ArrayList<>(new TreeMap<>(POLICIES).keySet())));
    }
    AtomicInteger steps = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(shape.clients() + shape.rxdbClients());
    try {
      // Given clients editing, going offline and online, pushing and pulling
      List<Future<?>> running = new ArrayList<>();
      for (OracleClient c : clients) {
        running.add(
            pool.submit(
                () -> {
                  try {
                    for (int s = 0; s < shape.steps(); s++) {
                      c.step();
                      steps.incrementAndGet();
                    }
                  } finally {
                    finished.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (OracleRxdbClient c : rxdbClients) {
        running.add(
            pool.submit(
                () -> {
                  for (int s = 0; s < shape.steps() / 2; s++) {
                    c.step();
                  }
                  return null;
                }));
      }
      // When projectors and ingest instances are closed and restarted while they work
      int total = shape.clients() * shape.steps();
      for (int r = 0; r < shape.restarts(); r++) {
        int at = total * (r + 1) / (shape.restarts() + 2);
        awaitSteps(seed, steps, finished, shape.clients(), at, running);
        restart(seed, r, model, finished, shape.clients(), running);
      }
      for (Future<?> f : running) {
        get(f, seed);
      }
      // and at the end every client pushes everything, then pulls to the end
      forAll(pool, clients, c -> c.pushAll(), seed);
      forAll(pool, rxdbClients, c -> c.pushAll(), seed);
      forAll(pool, clients, c -> c.pullAll(), seed);
      forAll(pool, rxdbClients, c -> c.pullAll(), seed);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    // Then every replica equals a fresh pull
    ChangeFeedClient.Page fresh = freshPull(seed, token);
    Map<String, String> serverView = new Replica().apply(fresh.changes()).view();
    for (OracleClient c : clients) {
      assertThat(c.replica().view())
          .as("seed %d: %s's replica vs a fresh pull", seed, c)
          .isEqualTo(serverView);
    }
    for (OracleRxdbClient c : rxdbClients) {
      for (String collection : new TreeMap<>(POLICIES).keySet()) {
        Map<String, JsonNode> freshRxdb = freshRxdbPull(seed, token, collection).latestById();
        assertThat(c.replicas().getOrDefault(collection, Map.of()))
            .as("seed %d: rxdb client %d's %s vs a fresh rxdb pull", seed, c.index(), collection)
            .isEqualTo(freshRxdb);
      }
    }
    // and the server's state is what the answers imply
    Map<String, JsonNode> server = new TreeMap<>();
    fresh
        .changes()
        .forEach(
            c -> server.put(c.path("collection").asText() + "/" + c.path("recordId").asText(), c));
    List<String> disagreements = model.check(server);
    LOG.info("OracleIT {}; {} records on the server", model, server.size());
    assertThat(disagreements).as("seed %d: the oracle's disagreements (%s)", seed, model).isEmpty();
    assertThat(model.acceptedCount())
        .as("seed %d: clients made progress", seed)
        .isGreaterThan(shape.clients() * shape.steps() / 2);
    return model
        + ", "
        + server.size()
        + " records, "
        + (clients.stream().mapToInt(OracleClient::retries).sum()
            + rxdbClients.stream().mapToInt(OracleRxdbClient::retries).sum())
        + " pushes retried after 503/504/refused, "
        + clients.stream().mapToInt(OracleClient::offlineSteps).sum()
        + " offline steps";
  }

  /** Two counter documents per collection, {@code {"id", "title": "start"}}. */
  private void createCounterDocuments(
      long seed, String token, OracleModel model, AtomicLong clock) {
    ChangeFeedClient client = new ChangeFeedClient(stack.api(0), token);
    for (String collection : new TreeMap<>(POLICIES).keySet()) {
      for (int k = 0; k < 2; k++) {
        String recordId = collection + "-k" + k;
        String changeId = "s" + seed + "-setup-" + recordId;
        long timestamp = clock.incrementAndGet();
        ObjectNode data = F.objectNode().put("id", recordId).put("title", "start");
        ObjectNode fields = F.objectNode().put("title", "start");
        model.sent(
            new Sent(changeId, collection, recordId, Kind.WRITE, fields, 0, timestamp, null));
        JsonNode answer =
            client.pushOk(
                change(changeId, "create", collection, recordId, data).put("timestamp", timestamp));
        JsonNode accepted =
            PushAnswers.accepted(answer, changeId)
                .orElseThrow(() -> new AssertionError("seed " + seed + ": setup " + answer));
        model.answered(changeId, new Answer(true, accepted.path("rev").asText(), false));
      }
    }
  }

  /**
   * Restart {@code r}: even ones close a projector, odd ones an ingest instance (alternating
   * which), let the clients work with the other one, then start a replacement.
   */
  private void restart(
      long seed,
      int r,
      OracleModel model,
      AtomicInteger finished,
      int clients,
      List<Future<?>> running)
      throws InterruptedException {
    int i = (r / 2) % 2;
    boolean projector = r % 2 == 0;
    LOG.info("seed={}: closing {} {}", seed, projector ? "projector" : "ingest", i);
    if (projector) {
      stack.closeProjector(i);
    } else {
      stack.closeIngest(i);
    }
    int answered = model.answeredCount();
    await(
            "seed "
                + seed
                + ": clients make progress while "
                + (projector ? "projector " : "ingest ")
                + i
                + " is down")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                model.answeredCount() >= answered + 60
                    || finished.get() == clients
                    || running.stream().anyMatch(Future::isDone));
    if (projector) {
      stack.restartProjector(i);
    } else {
      stack.restartIngest(i);
    }
  }

  private static void awaitSteps(
      long seed,
      AtomicInteger steps,
      AtomicInteger finished,
      int clients,
      int at,
      List<Future<?>> running) {
    await("seed " + seed + ": " + at + " client steps")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                steps.get() >= at
                    || finished.get() == clients
                    || running.stream().anyMatch(Future::isDone));
  }

  private ChangeFeedClient.Page freshPull(long seed, String token) {
    try {
      return await("seed " + seed + ": a fresh pull")
          .atMost(Duration.ofMinutes(2))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsMatching(
              e -> e instanceof ChangeFeedClient.PullFailed || e instanceof UncheckedIOException)
          .until(
              () -> new ChangeFeedClient(stack.api(0), token).pullToEnd(null, 25), p -> p != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("seed " + seed + ": no fresh pull", e);
    }
  }

  private RxdbClient.Page freshRxdbPull(long seed, String token, String collection) {
    try {
      return await("seed " + seed + ": a fresh rxdb pull of " + collection)
          .atMost(Duration.ofMinutes(2))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsMatching(
              e -> e instanceof AssertionError || e instanceof UncheckedIOException)
          .until(
              () -> new RxdbClient(stack.api(1), token, collection).pullToEnd(null, 7),
              p -> p != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("seed " + seed + ": no fresh rxdb pull", e);
    }
  }

  private static <C> void forAll(
      ExecutorService pool, List<C> clients, Consumer<C> action, long seed)
      throws InterruptedException {
    List<Future<?>> futures = new ArrayList<>();
    clients.forEach(c -> futures.add(pool.submit(() -> action.accept(c))));
    for (Future<?> f : futures) {
      get(f, seed);
    }
  }

  private static void get(Future<?> f, long seed) throws InterruptedException {
    try {
      f.get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw new AssertionError("seed " + seed + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("seed " + seed + ": a client did not finish", e);
    }
  }
}
