package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.IngestMain;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorMain;
import io.tributary.protocol.topic.Topics;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real services as separate JVM processes, configured by {@code TRIBUTARY_*} environment
 * variables as an operator would run them: two {@code ProjectorMain} and two {@code IngestMain} on
 * the shared broker. One projector process is killed with SIGKILL while clients push and pull
 * through both ingest processes, then restarted on its state dir and port. No accepted push may be
 * lost, the survivor must take over while it is dead, and every client must converge. Every push
 * also increments the client's own counter: each counter must end at the number of distinct
 * increments accepted, so a change applied twice (a record replayed after the kill, or a push sent
 * again after a 504) fails the test. The projectors commit rarely ({@link #COMMIT_INTERVAL_MS}), so
 * the kill lands after records processed but not committed, which the survivor processes again; the
 * test counts them by the versions the projectors emitted twice on {@code documents}.
 *
 * <p>Seeded: {@code -Dseed=N} replays the clients' choices (the timing of a kill is not
 * reproducible). Each process's output goes to {@code target/multi-process-failover/<prefix>/},
 * kept after the run; the paths are printed, and attached to the failure, when the test fails. The
 * projectors' state dirs sit beside them and are removed after the run.
 */
@ExtendWith(SharedKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiProcessFailoverIT {

  private static final Logger LOG = LoggerFactory.getLogger(MultiProcessFailoverIT.class);

  private static final int PROJECTORS = 2;
  private static final int INGESTS = 2;
  private static final int CHANGES_PARTITIONS = 4;
  private static final int OUTCOMES_PARTITIONS = 2;
  private static final int CLIENTS = 4;
  private static final int RECORDS_PER_CLIENT = 6;
  private static final int KILLED = 0;
  private static final int SURVIVOR = 1;
  private static final int SIGKILL_EXIT_VALUE = 128 + 9;
  private static final String HOST = "127.0.0.1";

  /** The broker's smallest session timeout: the group notices a killed member within seconds. */
  private static final String SESSION_TIMEOUT_MS = "6000";

  private static final String PUSH_TIMEOUT_MS = "3000";

  /**
   * Kafka Streams' commit interval of the projectors: long, so the killed projector has processed
   * records whose offsets it has not committed, and the survivor must process them again.
   */
  private static final String COMMIT_INTERVAL_MS = "10000";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration POLL = Duration.ofMillis(200);

  private final FreePorts ports = new FreePorts();
  private final List<ServiceProcess> launched = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();
  private final ServiceProcess[] projectors = new ServiceProcess[PROJECTORS];
  private final String[] projectorEndpoints = new String[PROJECTORS];
  private final Api[] projectorApis = new Api[PROJECTORS];
  private final ServiceProcess[] ingests = new ServiceProcess[INGESTS];
  private final List<Api> ingestApis = new ArrayList<>();
  private TestTokens tokens;
  private String bootstrapServers;
  private String topicPrefix;

  @BeforeAll
  void startServiceProcesses(EmbeddedKafka kafka) throws Throwable {
    String prefix = "mp" + TestIds.shortId() + ".";
    String authSecret = "system-test-hs256-secret-" + UUID.randomUUID();
    tokens = new TestTokens(authSecret);
    bootstrapServers = kafka.bootstrapServers();
    topicPrefix = prefix;
    Path logDir =
        Path.of(System.getProperty("basedir", "."), "target", "multi-process-failover")
            .resolve(prefix.substring(0, prefix.length() - 1))
            .toAbsolutePath();
    Map<String, String> common = new HashMap<>();
    common.put("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    common.put("TRIBUTARY_TOPIC_PREFIX", prefix);
    common.put("TRIBUTARY_TOPIC_CHANGES_PARTITIONS", Integer.toString(CHANGES_PARTITIONS));
    common.put("TRIBUTARY_TOPIC_DOCUMENTS_PARTITIONS", Integer.toString(CHANGES_PARTITIONS));
    common.put("TRIBUTARY_TOPIC_OUTCOMES_PARTITIONS", Integer.toString(OUTCOMES_PARTITIONS));
    common.put("TRIBUTARY_TOPIC_REPLICATION_FACTOR", "1");
    try {
      for (int i = 0; i < PROJECTORS; i++) {
        int port = ports.next();
        Path stateDir = Files.createDirectories(logDir.resolve("projector-" + i + "-state"));
        stateDirs.add(stateDir);
        projectorEndpoints[i] = HOST + ":" + port;
        projectorApis[i] = new Api(URI.create("http://" + projectorEndpoints[i]));
        Map<String, String> env = new HashMap<>(common);
        env.put("TRIBUTARY_PROJECTOR_HTTP_HOST", HOST);
        env.put("TRIBUTARY_PROJECTOR_HTTP_PORT", Integer.toString(port));
        env.put("TRIBUTARY_PROJECTOR_ADVERTISED_HOST", HOST);
        env.put("TRIBUTARY_PROJECTOR_STATE_DIR", stateDir.toString());
        env.put("TRIBUTARY_KAFKA_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS);
        env.put("TRIBUTARY_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        env.put("TRIBUTARY_PROJECTOR_COMMIT_INTERVAL_MS", COMMIT_INTERVAL_MS);
        projectors[i] =
            launch("projector-" + i, ProjectorMain.class, env, logDir.resolve("projector-" + i));
      }
      for (int i = 0; i < INGESTS; i++) {
        int port = ports.next();
        Map<String, String> env = new HashMap<>(common);
        env.put("TRIBUTARY_HTTP_HOST", HOST);
        env.put("TRIBUTARY_HTTP_PORT", Integer.toString(port));
        env.put("TRIBUTARY_AUTH_HS256_SECRET", authSecret);
        env.put("TRIBUTARY_CURSOR_SECRET", "system-test-cursor-secret-" + prefix);
        env.put("TRIBUTARY_PROJECTOR_ENDPOINTS", String.join(",", projectorEndpoints));
        env.put("TRIBUTARY_PUSH_TIMEOUT_MS", PUSH_TIMEOUT_MS);
        env.put("TRIBUTARY_INGEST_INSTANCE_ID", prefix + "ingest-" + i);
        env.put("TRIBUTARY_INGEST_OUTCOMES_PARTITION", Integer.toString(i % OUTCOMES_PARTITIONS));
        ingests[i] = launch("ingest-" + i, IngestMain.class, env, logDir.resolve("ingest-" + i));
        ingestApis.add(new Api(URI.create("http://" + HOST + ":" + port)));
      }
      for (int i = 0; i < PROJECTORS; i++) {
        awaitReady(projectors[i], projectorApi(i), START_TIMEOUT);
      }
      for (int i = 0; i < INGESTS; i++) {
        awaitReady(ingests[i], ingestApis.get(i), START_TIMEOUT);
      }
    } catch (Throwable t) {
      throw withProcessLogs(t);
    }
  }

  @AfterAll
  void stopServiceProcesses() {
    launched.forEach(ServiceProcess::requestStop);
    launched.forEach(ServiceProcess::close);
    stateDirs.forEach(TempDirs::deleteQuietlyLogged);
  }

  @Test
  void shouldLoseNoAcceptedPushAndConvergeWhenAProjectorProcessIsKilledAndRestarted()
      throws Throwable {
    long seed = CursorSafetyIT.seed();
    LOG.info("MultiProcessFailoverIT seed={} (replay with -Dseed={})", seed, seed);
    String tenant = TestIds.tenant();
    AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<FailoverClient> clients = new ArrayList<>();
    try {
      // Given both projector processes own partitions
      await("both projectors own partitions")
          .atMost(START_TIMEOUT)
          .pollInterval(POLL)
          .until(
              () -> owners(SURVIVOR).map(o -> new HashSet<>(o.values())).orElse(new HashSet<>()),
              owners -> owners.equals(Set.of(projectorEndpoints)));
      // and clients pushing and pulling through both ingest processes
      List<Future<Void>> workers = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        FailoverClient client =
            new FailoverClient(c, clientsOf(tenant), RECORDS_PER_CLIENT, seed, clock);
        clients.add(client);
        workers.add(pool.submit(() -> client.runWhile(running)));
      }
      awaitProgress("every client pushes and pulls", clients, workers, System.nanoTime(), seed);

      // When one projector process is killed with SIGKILL
      long killedAt = System.nanoTime();
      int exitValue = projectors[KILLED].kill();
      LOG.info("seed={}: killed {} (exit value {})", seed, projectors[KILLED], exitValue);

      // Then it is dead and not ready
      assertThat(projectors[KILLED].isAlive()).as("killed projector is dead").isFalse();
      assertThat(exitValue).as("exit value of a SIGKILLed JVM").isEqualTo(SIGKILL_EXIT_VALUE);
      assertNotReady(KILLED, "right after SIGKILL");
      // and while it stays dead the survivor takes every partition over: pushes and pulls succeed
      await("the surviving projector owns every partition")
          .atMost(FAILOVER_TIMEOUT)
          .pollInterval(POLL)
          .until(
              () -> owners(SURVIVOR).orElse(Map.of()),
              owners ->
                  owners.size() == CHANGES_PARTITIONS
                      && Set.copyOf(owners.values()).equals(Set.of(projectorEndpoints[SURVIVOR])));
      awaitProgress(
          "every client pushes and pulls after the kill", clients, workers, killedAt, seed);
      for (int i = 0; i < INGESTS; i++) {
        freshPull(i, tenant);
      }
      assertThat(projectors[KILLED].isAlive()).as("killed projector stayed dead").isFalse();
      assertNotReady(KILLED, "after the survivor took over");

      // When it is restarted on the same state dir and port
      long restartedAt = System.nanoTime();
      projectors[KILLED] = relaunch(projectors[KILLED]);

      // Then it is ready again, and clients keep pushing and pulling
      awaitReady(projectors[KILLED], projectorApi(KILLED), START_TIMEOUT);
      awaitProgress(
          "every client pushes and pulls after the restart", clients, workers, restartedAt, seed);
      LOG.info("seed={}: owners after the restart: {}", seed, owners(SURVIVOR));
      running.set(false);
      for (Future<Void> f : workers) {
        get(f, seed);
      }
      clients.forEach(c -> LOG.info("seed={}: {}", seed, c.stats()));
      assertThat(
              clients.stream().mapToInt(c -> c.pushesAnsweredAgain() + c.pullsUnavailable()).sum())
          .as("seed %d: clients felt the kill: requests answered 503/504 and sent again", seed)
          .isPositive();

      // and the survivor processed again records the killed projector had processed
      long replayed = changesProcessedTwice(tenant);
      LOG.info("seed={}: {} changes were processed twice (version emitted again)", seed, replayed);
      assertThat(replayed)
          .as(
              "seed %d: changes processed again after the kill (commit interval %s ms)",
              seed, COMMIT_INTERVAL_MS)
          .isPositive();

      // and a pull from scratch holds each counter at the increments accepted, each once
      ChangeFeedClient.Page fresh = freshPull(0, tenant);
      Map<String, JsonNode> latest = fresh.latestByRecord();
      assertThat(fresh.changes())
          .as("seed %d: a pull from scratch returns each document once", seed)
          .hasSize(latest.size());
      for (FailoverClient client : clients) {
        JsonNode counter = latest.get(client.counterRecord());
        assertThat(counter).as("seed %d: counter of client %d", seed, client.index()).isNotNull();
        assertThat(counter.path("data").path(FailoverClient.COUNTER_FIELD).asLong())
            .as(
                "seed %d: counter of client %d vs its distinct increments accepted (%s)",
                seed, client.index(), client.stats())
            .isEqualTo(client.acceptedIncrements().size());
      }
      // and every accepted push at its latest version, and nothing else
      latest
          .values()
          .removeIf(c -> !FailoverClient.COLLECTION.equals(c.path("collection").asText()));
      assertThat(revsAndTitles(latest))
          .as("seed %d: pull from scratch vs the latest accepted push of each record", seed)
          .isEqualTo(latestAccepted(clients));
      Map<String, String> freshView = new Replica().apply(fresh.changes()).view();
      assertThat(new Replica().apply(freshPull(1, tenant).changes()).view())
          .as("seed %d: a pull from scratch through ingest 1", seed)
          .isEqualTo(freshView);
      // and every client, continuing from its own cursor, holds what the fresh pull holds
      for (FailoverClient client : clients) {
        client.pullUntilCaughtUp();
        assertThat(client.replica().view())
            .as("seed %d: client %d (own cursor) vs a pull from scratch", seed, client.index())
            .isEqualTo(freshView);
      }
    } catch (Throwable t) {
      clients.forEach(c -> LOG.info("seed={}: {}", seed, c.stats()));
      throw withProcessLogs(t);
    } finally {
      running.set(false);
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private ServiceProcess launch(
      String name, Class<?> main, Map<String, String> env, Path logPrefix) {
    ServiceProcess p = ServiceProcess.start(name, main.getName(), env, Path.of(logPrefix + ".log"));
    launched.add(p);
    return p;
  }

  private ServiceProcess relaunch(ServiceProcess dead) {
    ServiceProcess p = dead.restart();
    launched.add(p);
    return p;
  }

  private List<ChangeFeedClient> clientsOf(String tenant) {
    String token = tokens.readWrite(tenant);
    return ingestApis.stream().map(api -> new ChangeFeedClient(api, token)).toList();
  }

  private Api projectorApi(int i) {
    return projectorApis[i];
  }

  /** The status of {@code GET /health/ready}, or empty when nothing answers. */
  private static OptionalInt readyStatus(Api api) {
    try {
      return OptionalInt.of(api.get("/health/ready", null).status());
    } catch (UncheckedIOException e) {
      return OptionalInt.empty();
    }
  }

  private static void awaitReady(ServiceProcess process, Api api, Duration atMost) {
    await(process.name() + " /health/ready")
        .atMost(atMost)
        .pollInterval(POLL)
        .until(
            () -> {
              assertThat(process.isAlive()).as("%s is running", process).isTrue();
              return readyStatus(api).orElse(-1) == 200;
            });
  }

  private void assertNotReady(int projector, String when) {
    OptionalInt status = readyStatus(projectorApi(projector));
    assertThat(status.isEmpty() || status.getAsInt() != 200)
        .as("projector %d /health/ready %s answered %s", projector, when, status)
        .isTrue();
  }

  /** Partition → advertised owner endpoint, as projector {@code i} sees it; empty if it cannot. */
  private Optional<Map<Integer, String>> owners(int i) {
    ApiResponse r;
    try {
      r = projectorApi(i).get("/internal/v1/owners", null);
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      return Optional.empty();
    }
    Map<Integer, String> owners = new TreeMap<>();
    r.json()
        .path("owners")
        .properties()
        .forEach(e -> owners.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    return Optional.of(owners);
  }

  /**
   * Waits until every client had a push and a pull answered 200 that started after {@code mark}.
   */
  private static void awaitProgress(
      String what, List<FailoverClient> clients, List<Future<Void>> running, long mark, long seed) {
    await(what)
        .atMost(FAILOVER_TIMEOUT)
        .pollInterval(POLL)
        .until(
            () -> {
              for (Future<Void> f : running) {
                if (f.isDone()) {
                  get(f, seed);
                  throw new AssertionError("seed " + seed + ": a client stopped early");
                }
              }
              return clients.stream().allMatch(c -> c.madeProgressSince(mark));
            });
  }

  /** A pull to the end from no cursor through ingest {@code i}, again while it answers 503. */
  private ChangeFeedClient.Page freshPull(int i, String tenant) {
    ChangeFeedClient client = new ChangeFeedClient(ingestApis.get(i), tokens.readWrite(tenant));
    return await("a pull from scratch through ingest " + i)
        .atMost(FAILOVER_TIMEOUT)
        .pollInterval(POLL)
        .until(
            () -> {
              try {
                return Optional.of(client.pullToEnd(null, 7));
              } catch (ChangeFeedClient.PullFailed e) {
                assertThat(e.response().status()).as("%s", e.response()).isEqualTo(503);
                return Optional.<ChangeFeedClient.Page>empty();
              }
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /**
   * How many changes of {@code tenant} made a version that is on {@code documents} more than once:
   * a version is emitted again only when its change is processed again (a replay after a crash).
   */
  private long changesProcessedTwice(String tenant) {
    return TopicLog.read(bootstrapServers, topicPrefix, Topics.DOCUMENTS).stream()
        .map(TopicLog.Entry::value)
        .filter(v -> v != null && tenant.equals(v.tenant()))
        .collect(
            Collectors.groupingBy(v -> v.partition() + "-" + v.offset(), Collectors.counting()))
        .values()
        .stream()
        .filter(n -> n > 1)
        .count();
  }

  /** recordId → "rev live title" of the latest accepted write of each record, over all clients. */
  private static Map<String, String> latestAccepted(List<FailoverClient> clients) {
    Map<String, String> m = new TreeMap<>();
    clients.forEach(
        c -> c.latestAccepted().forEach((id, a) -> m.put(id, a.rev() + " live " + a.title())));
    return m;
  }

  /** recordId → "rev live|deleted title" of pulled changes. */
  private static Map<String, String> revsAndTitles(Map<String, JsonNode> latest) {
    Map<String, String> m = new TreeMap<>();
    latest.forEach(
        (id, c) ->
            m.put(
                id,
                c.path("id").asText()
                    + ("delete".equals(c.path("type").asText()) ? " deleted " : " live ")
                    + c.path("data").path("title").asText()));
    return m;
  }

  private static void get(Future<Void> f, long seed) throws InterruptedException {
    try {
      f.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("seed " + seed + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("seed " + seed + ": a client did not stop", e);
    }
  }

  /** {@code t}, with the log file of every process attached and printed. */
  private Throwable withProcessLogs(Throwable t) {
    String logs =
        launched.stream()
            .map(p -> p.name() + ": " + p.logFile())
            .distinct()
            .collect(Collectors.joining("\n  ", "\n  ", ""));
    LOG.error("MultiProcessFailoverIT failed: {}; process logs:{}", t.toString(), logs);
    t.addSuppressed(new AssertionError("process logs:" + logs));
    return t;
  }
}
