package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.IngestMain;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorService;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.topic.Topics;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest instance dies (SIGKILL) after it produced a push's changes to {@code changes} and
 * before it could answer: the client gets no answer and, as PROTOCOL.md asks, pushes the same
 * changes with the same change ids again through a fresh instance. Each change must be applied
 * once: counters hold each increment once, each change makes one version, and the second answer
 * names the version the first record made.
 *
 * <p>Deterministic without hooks in the product: no projector runs while the first push is in
 * flight, so no outcome can exist and the ingest cannot answer (its push timeout is far longer than
 * the test waits); the kill comes once the changes are seen in the log. The ingest is a real {@code
 * IngestMain} process configured by {@code TRIBUTARY_*} variables; its log is in {@code
 * target/ingest-crash/<prefix>.log}. Dialect B rows take part with their optional {@code changeId}:
 * rows without one are applied again when re-sent, as PROTOCOL.md says, so that is not tested.
 */
@ExtendWith(SharedKafka.class)
class IngestCrashIT {

  private static final int INCREMENTS = 5;
  private static final String HOST = "127.0.0.1";
  private static final String PUSH_TIMEOUT_MS = "120000";
  private static final Duration IN_LOG_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void shouldApplyEachChangeOnceWhenTheIngestDiesAfterProducingAndTheClientPushesAgain(
      EmbeddedKafka kafka) throws Exception {
    FreePorts ports = new FreePorts();
    String prefix = "ic" + TestIds.shortId() + ".";
    String authSecret = "system-test-hs256-secret-" + UUID.randomUUID();
    String tenant = TestIds.tenant();
    String token = new TestTokens(authSecret).readWrite(tenant);
    String projectorEndpoint = HOST + ":" + ports.next();
    int ingestPort = ports.next();
    Api api = new Api(URI.create("http://" + HOST + ":" + ingestPort));
    ServiceProcess ingest =
        ServiceProcess.start(
            "ingest",
            IngestMain.class.getName(),
            ingestEnv(kafka, prefix, authSecret, ingestPort, projectorEndpoint),
            Path.of(System.getProperty("basedir", "."), "target", "ingest-crash", prefix + "log")
                .toAbsolutePath());
    ProjectorService projector = null;
    ExecutorService pushers = Executors.newFixedThreadPool(2);
    try {
      awaitReady(ingest, api);
      ChangeFeedClient client = new ChangeFeedClient(api, token);
      RxdbClient rxdb = new RxdbClient(api, token, "posts");

      // Given a push of increments and other writes, and RxDB rows with change ids, in flight
      // through an ingest instance while no projector runs
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = 0; i < INCREMENTS; i++) {
        batch.add(change(TestIds.changeId(), "update", "counters", "hits", increment("count", 1)));
      }
      batch.add(change(TestIds.changeId(), "create", "notes", "n1", Changes.doc("n1", "hello")));
      ObjectNode mixed = Changes.doc("n2", "mixed");
      mixed.putObject("views").put("$increment", 3);
      batch.add(change(TestIds.changeId(), "update", "notes", "n2", mixed));
      List<ObjectNode> rows =
          List.of(
              rxdbIncrement("p1", 1).put("changeId", TestIds.changeId()),
              rxdbIncrement("p2", 2).put("changeId", TestIds.changeId()));
      List<String> changeIds = new ArrayList<>();
      batch.forEach(c -> changeIds.add(c.path("id").asText()));
      rows.forEach(r -> changeIds.add(r.path("changeId").asText()));
      Future<ApiResponse> firstPush =
          pushers.submit(() -> client.push(batch.toArray(ObjectNode[]::new)));
      Future<ApiResponse> firstRxdbPush =
          pushers.submit(() -> rxdb.push(rows.toArray(ObjectNode[]::new)));

      // and the ingest has produced every change to the log
      Map<String, List<TopicLog.Entry<ChangeRecord>>> logged =
          await("every change in the log")
              .atMost(IN_LOG_TIMEOUT)
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> changesByChangeId(kafka, prefix, tenant),
                  m -> m.keySet().containsAll(changeIds));
      assertThat(firstPush.isDone()).as("the push was answered without a projector").isFalse();
      assertThat(firstRxdbPush.isDone()).as("the RxDB push was answered").isFalse();

      // When the ingest is killed before it could answer
      assertThat(ingest.kill()).as("exit value of a SIGKILLed JVM").isEqualTo(128 + 9);

      // Then the client gets no answer at all, only a broken connection
      assertNoAnswer(firstPush);
      assertNoAnswer(firstRxdbPush);

      // When the projector runs, a fresh ingest starts, and the client pushes the same changes
      projector = ProjectorService.start(projectorConfig(kafka, prefix, projectorEndpoint));
      ProjectorService running = projector;
      await("projector RUNNING").atMost(START_TIMEOUT).until(running::isRunning);
      ingest = ingest.restart();
      awaitReady(ingest, api);
      ApiResponse again = pushUntilAnswered(() -> client.push(batch.toArray(ObjectNode[]::new)));
      ApiResponse rxdbAgain = pushUntilAnswered(() -> rxdb.push(rows.toArray(ObjectNode[]::new)));

      // Then each counter holds each increment once, and the other writes are there
      Map<String, JsonNode> pulled = client.pullToEnd(null).latestByRecord();
      assertThat(pulled.get("hits").path("data").path("count").asLong())
          .as("counter incremented %d times, each change pushed twice", INCREMENTS)
          .isEqualTo(INCREMENTS);
      assertThat(pulled.get("n2").path("data").path("views").asLong()).isEqualTo(3);
      assertThat(pulled.get("n2").path("data").path("title").asText()).isEqualTo("mixed");
      assertThat(pulled.get("n1").path("data").path("title").asText()).isEqualTo("hello");
      Map<String, JsonNode> posts = rxdb.pullToEnd(null, 10).latestById();
      assertThat(posts.get("p1").path("likes").asLong()).as("RxDB p1 likes").isEqualTo(1);
      assertThat(posts.get("p2").path("likes").asLong()).as("RxDB p2 likes").isEqualTo(2);
      // and every change is accepted, with the rev of the version its first record made
      assertThat(rxdbAgain.json()).as("RxDB rows pushed again: %s", rxdbAgain).isEmpty();
      assertThat(again.json().path("conflicts")).as("%s", again).isEmpty();
      assertThat(again.json().path("errors")).as("%s", again).isEmpty();
      for (ObjectNode c : batch) {
        String id = c.path("id").asText();
        TopicLog.Entry<ChangeRecord> first = logged.get(id).get(0);
        assertThat(PushAnswers.rev(again.json(), id))
            .as("rev answered to %s pushed again", id)
            .isEqualTo(Revisions.of(first.partition(), first.offset()));
      }
      // and the log holds each change at least twice: the projector did see it again
      Map<String, List<TopicLog.Entry<ChangeRecord>>> relogged =
          changesByChangeId(kafka, prefix, tenant);
      assertThat(relogged)
          .allSatisfy(
              (id, records) -> assertThat(records).as("records of %s", id).hasSizeGreaterThan(1));
      Set<String> firstPositions = new TreeSet<>();
      Set<String> laterPositions = new TreeSet<>();
      relogged
          .values()
          .forEach(
              records -> {
                firstPositions.add(position(records.get(0)));
                records.subList(1, records.size()).forEach(r -> laterPositions.add(position(r)));
              });
      // and each change made one version on documents, from its first record, none from the others
      Map<String, Long> versions =
          await("the version of every change on documents")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> versionsByPosition(kafka, prefix, tenant),
                  m -> m.keySet().containsAll(firstPositions));
      assertThat(versions)
          .as("versions on documents by the position of the change that made them")
          .containsOnlyKeys(firstPositions)
          .allSatisfy((at, n) -> assertThat(n).as("versions made at %s", at).isEqualTo(1L));
      assertThat(laterPositions)
          .as("positions of the changes pushed again")
          .hasSizeGreaterThanOrEqualTo(changeIds.size());
    } finally {
      pushers.shutdownNow();
      ingest.close();
      if (projector != null) {
        projector.close();
      }
    }
  }

  private Map<String, String> projectorConfig(
      EmbeddedKafka kafka, String prefix, String projectorEndpoint) {
    Map<String, String> c = new HashMap<>();
    c.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    c.put("topic.prefix", prefix);
    c.put("topic.changes.partitions", Integer.toString(TributaryStack.CHANGES_PARTITIONS));
    c.put("topic.documents.partitions", Integer.toString(TributaryStack.CHANGES_PARTITIONS));
    c.put("topic.outcomes.partitions", Integer.toString(TributaryStack.OUTCOMES_PARTITIONS));
    c.put("topic.replication.factor", "1");
    c.put("projector.http.host", HOST);
    c.put("projector.http.port", projectorEndpoint.substring(projectorEndpoint.indexOf(':') + 1));
    c.put("projector.advertised.host", HOST);
    c.put("projector.state.dir", dir.resolve("projector-state").toString());
    return c;
  }

  private static Map<String, String> ingestEnv(
      EmbeddedKafka kafka, String prefix, String authSecret, int port, String projectorEndpoint) {
    Map<String, String> env = new HashMap<>();
    env.put("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TRIBUTARY_TOPIC_PREFIX", prefix);
    env.put(
        "TRIBUTARY_TOPIC_CHANGES_PARTITIONS", Integer.toString(TributaryStack.CHANGES_PARTITIONS));
    env.put(
        "TRIBUTARY_TOPIC_DOCUMENTS_PARTITIONS",
        Integer.toString(TributaryStack.CHANGES_PARTITIONS));
    env.put(
        "TRIBUTARY_TOPIC_OUTCOMES_PARTITIONS",
        Integer.toString(TributaryStack.OUTCOMES_PARTITIONS));
    env.put("TRIBUTARY_TOPIC_REPLICATION_FACTOR", "1");
    env.put("TRIBUTARY_HTTP_HOST", HOST);
    env.put("TRIBUTARY_HTTP_PORT", Integer.toString(port));
    env.put("TRIBUTARY_AUTH_HS256_SECRET", authSecret);
    env.put("TRIBUTARY_CURSOR_SECRET", "system-test-cursor-secret-" + prefix);
    env.put("TRIBUTARY_PROJECTOR_ENDPOINTS", projectorEndpoint);
    env.put("TRIBUTARY_PUSH_TIMEOUT_MS", PUSH_TIMEOUT_MS);
    env.put("TRIBUTARY_INGEST_INSTANCE_ID", prefix + "ingest");
    env.put("TRIBUTARY_INGEST_OUTCOMES_PARTITION", "0");
    return env;
  }

  private static void awaitReady(ServiceProcess ingest, Api api) {
    await(ingest.name() + " /health/ready")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(
            () -> {
              assertThat(ingest.isAlive()).as("%s is running", ingest).isTrue();
              return api.get("/health/ready", null).status() == 200;
            });
  }

  /** The push failed on its connection: no status, and not the client's own timeout. */
  private static void assertNoAnswer(Future<ApiResponse> push) throws InterruptedException {
    try {
      ApiResponse r = push.get(30, TimeUnit.SECONDS);
      throw new AssertionError("a push through the killed ingest was answered: " + r);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UncheckedIOException.class);
      assertThat(e.getCause().getCause()).isNotInstanceOf(HttpTimeoutException.class);
    } catch (TimeoutException e) {
      throw new AssertionError("the push through the killed ingest still waits", e);
    }
  }

  /** Pushes again after a 503 or 504 with the same change ids, as a client must; the answer. */
  private static ApiResponse pushUntilAnswered(Supplier<ApiResponse> push) {
    return await("push answered")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            push::get,
            r -> {
              assertThat(r.status()).as("%s", r).isIn(200, 503, 504);
              return r.status() == 200;
            });
  }

  /** The tenant's records on {@code changes}, grouped by change id, in log order. */
  private static Map<String, List<TopicLog.Entry<ChangeRecord>>> changesByChangeId(
      EmbeddedKafka kafka, String prefix, String tenant) {
    return TopicLog.read(kafka.bootstrapServers(), prefix, Topics.CHANGES).stream()
        .filter(e -> e.value() != null && tenant.equals(e.value().tenant()))
        .collect(
            Collectors.groupingBy(
                e -> e.value().changeId(), LinkedHashMap::new, Collectors.toList()));
  }

  /** How many versions of the tenant each {@code changes} position made on {@code documents}. */
  private static Map<String, Long> versionsByPosition(
      EmbeddedKafka kafka, String prefix, String tenant) {
    return TopicLog.read(kafka.bootstrapServers(), prefix, Topics.DOCUMENTS).stream()
        .map(TopicLog.Entry::value)
        .filter(v -> v != null && tenant.equals(v.tenant()))
        .collect(
            Collectors.groupingBy(v -> v.partition() + "-" + v.offset(), Collectors.counting()));
  }

  private static String position(TopicLog.Entry<?> e) {
    return e.partition() + "-" + e.offset();
  }

  private static ObjectNode increment(String field, long by) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject(field).put("$increment", by);
    return data;
  }

  private static ObjectNode rxdbIncrement(String id, long by) {
    ObjectNode state = increment("likes", by).put("id", id);
    return row(null, state);
  }
}
