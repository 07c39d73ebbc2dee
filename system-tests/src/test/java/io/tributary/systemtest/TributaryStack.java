package io.tributary.systemtest;

import static org.awaitility.Awaitility.await;

import io.tributary.ingest.IngestService;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Tributary deployment on the shared broker: N projector instances (one application id,
 * own state dirs, ephemeral query ports) and M ingest instances (ephemeral HTTP ports, every
 * projector as a seed). Its topics carry a prefix of their own, so stacks never see each other's
 * data. {@link #start} returns once every projector's Streams is RUNNING and every ingest answers
 * {@code /health/ready}.
 */
public final class TributaryStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TributaryStack.class);

  /** Partitions of {@code changes} in tests: a few, so several owners and orders are exercised. */
  public static final int CHANGES_PARTITIONS = 4;

  public static final int OUTCOMES_PARTITIONS = 2;

  private final String prefix;
  private final TestTokens tokens;
  private final List<ProjectorService> projectors;
  private final List<IngestService> ingests;
  private final List<Api> apis;
  private final List<Path> stateDirs;
  private final List<Map<String, String>> projectorConfigs;
  private final List<Map<String, String>> ingestConfigs;

  private TributaryStack(
      String prefix,
      TestTokens tokens,
      List<ProjectorService> projectors,
      List<IngestService> ingests,
      List<Path> stateDirs,
      List<Map<String, String>> projectorConfigs,
      List<Map<String, String>> ingestConfigs) {
    this.prefix = prefix;
    this.tokens = tokens;
    this.projectors = new CopyOnWriteArrayList<>(projectors);
    this.ingests = new CopyOnWriteArrayList<>(ingests);
    this.stateDirs = stateDirs;
    this.projectorConfigs = projectorConfigs;
    this.ingestConfigs = ingestConfigs;
    this.apis = new CopyOnWriteArrayList<>();
    for (IngestService i : ingests) {
      apis.add(new Api(URI.create("http://127.0.0.1:" + i.httpPort())));
    }
  }

  public static Builder builder(EmbeddedKafka kafka) {
    return new Builder(kafka);
  }

  public String topicPrefix() {
    return prefix;
  }

  /**
   * The {@code cursor.secret} of this stack's ingest instances, for tests that must mint a cursor
   * the server accepts as its own (e.g. one of another tenant generation).
   */
  public String cursorSecret() {
    return cursorSecret(prefix);
  }

  private static String cursorSecret(String prefix) {
    return "system-test-cursor-secret-" + prefix;
  }

  public TestTokens tokens() {
    return tokens;
  }

  /** The public API of ingest instance {@code i}. */
  public Api api(int i) {
    return apis.get(i);
  }

  public Api api() {
    return api(0);
  }

  public ProjectorService projector(int i) {
    return projectors.get(i);
  }

  public int projectorCount() {
    return projectors.size();
  }

  /** A dialect A client of {@code tenant} on ingest 0 with read and write scope. */
  public ChangeFeedClient changeFeed(String tenant) {
    return new ChangeFeedClient(api(), tokens.readWrite(tenant));
  }

  /** A dialect B client of {@code tenant} and {@code collection} on ingest 0. */
  public RxdbClient rxdb(String tenant, String collection) {
    return new RxdbClient(api(), tokens.readWrite(tenant), collection);
  }

  /** Closes projector {@code i} (its partitions move to the others). */
  public void closeProjector(int i) {
    projectors.get(i).close();
  }

  /**
   * Closes projector {@code i} if it still runs, then starts a replacement on the same state dir
   * and query port (the ingest instances keep it as a seed) and waits until it is RUNNING.
   */
  public void restartProjector(int i) {
    projectors.get(i).close();
    Map<String, String> c = new HashMap<>(projectorConfigs.get(i));
    String endpoint = projectors.get(i).queryEndpoint();
    c.put("projector.http.port", endpoint.substring(endpoint.lastIndexOf(':') + 1));
    // The old endpoint's port may take a moment to be free again.
    ProjectorService replacement =
        await("projector " + i + " restarted")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> ProjectorService.start(c), p -> p != null);
    projectors.set(i, replacement);
    await("projector " + i + " RUNNING")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(replacement::isRunning);
    LOG.info("projector {} restarted at {}", i, replacement.queryEndpoint());
  }

  /** Closes ingest instance {@code i}; {@link #api(int)} refuses connections until a restart. */
  public void closeIngest(int i) {
    ingests.get(i).close();
  }

  /**
   * Closes ingest instance {@code i} if it still runs, then starts a replacement with the same
   * settings (same instance id and outcomes partition, a new ephemeral port: {@link #api(int)}
   * names it from now on) and waits until it is ready.
   */
  public void restartIngest(int i) {
    ingests.get(i).close();
    IngestService replacement = IngestService.start(ingestConfigs.get(i));
    ingests.set(i, replacement);
    Api api = new Api(URI.create("http://127.0.0.1:" + replacement.httpPort()));
    await("ingest " + i + " ready again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> api.get("/health/ready", null).status() == 200);
    apis.set(i, api);
    LOG.info("ingest {} restarted at {}", i, api.base());
  }

  @Override
  public void close() {
    for (IngestService i : ingests) {
      closeLogged("ingest", i);
    }
    for (ProjectorService p : projectors) {
      closeLogged("projector", p);
    }
    stateDirs.forEach(TempDirs::deleteQuietlyLogged);
  }

  private static void closeLogged(String what, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing a {} failed: {}", what, e.toString());
    }
  }

  /** Sets the shape and settings of a stack, then starts it. */
  public static final class Builder {
    private final EmbeddedKafka kafka;
    private int projectorCount = 1;
    private int ingestCount = 1;
    private final Map<String, String> projectorSettings = new HashMap<>();
    private final Map<String, String> ingestSettings = new HashMap<>();

    private Builder(EmbeddedKafka kafka) {
      this.kafka = kafka;
    }

    public Builder projectors(int n) {
      this.projectorCount = n;
      return this;
    }

    public Builder ingests(int n) {
      this.ingestCount = n;
      return this;
    }

    /** {@code collection.<name>.policy} on the projectors. */
    public Builder policy(String collection, String policy) {
      projectorSettings.put("collection." + collection + ".policy", policy);
      return this;
    }

    public Builder projectorSetting(String key, String value) {
      projectorSettings.put(key, value);
      return this;
    }

    public Builder ingestSetting(String key, String value) {
      ingestSettings.put(key, value);
      return this;
    }

    public TributaryStack start() {
      String prefix = "st" + UUID.randomUUID().toString().substring(0, 8) + ".";
      String authSecret = "system-test-hs256-secret-" + UUID.randomUUID();
      TestTokens tokens = new TestTokens(authSecret);
      Map<String, String> common = new HashMap<>();
      common.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      common.put("topic.prefix", prefix);
      common.put("topic.changes.partitions", Integer.toString(CHANGES_PARTITIONS));
      common.put("topic.documents.partitions", Integer.toString(CHANGES_PARTITIONS));
      common.put("topic.outcomes.partitions", Integer.toString(OUTCOMES_PARTITIONS));
      common.put("topic.replication.factor", "1");

      List<ProjectorService> projectors = new ArrayList<>();
      List<IngestService> ingests = new ArrayList<>();
      List<Path> stateDirs = new ArrayList<>();
      List<Map<String, String>> projectorConfigs = new ArrayList<>();
      List<Map<String, String>> ingestConfigs = new ArrayList<>();
      try {
        for (int i = 0; i < projectorCount; i++) {
          Path stateDir = TempDirs.create("tributary-systest-state");
          stateDirs.add(stateDir);
          Map<String, String> c = new HashMap<>(common);
          c.put("projector.http.host", "127.0.0.1");
          c.put("projector.http.port", "0");
          c.put("projector.advertised.host", "127.0.0.1");
          c.put("projector.state.dir", stateDir.toString());
          c.putAll(projectorSettings);
          projectorConfigs.add(Map.copyOf(c));
          projectors.add(ProjectorService.start(c));
        }
        String endpoints =
            projectors.stream()
                .map(ProjectorService::queryEndpoint)
                .collect(Collectors.joining(","));
        for (int i = 0; i < ingestCount; i++) {
          Map<String, String> c = new HashMap<>(common);
          c.put("http.host", "127.0.0.1");
          c.put("http.port", "0");
          c.put("auth.hs256.secret", authSecret);
          c.put("cursor.secret", cursorSecret(prefix));
          c.put("projector.endpoints", endpoints);
          c.put("sse.heartbeat.ms", "1000");
          c.put("ingest.instance.id", prefix + "ingest-" + i);
          c.put("ingest.outcomes.partition", Integer.toString(i % OUTCOMES_PARTITIONS));
          c.putAll(ingestSettings);
          ingestConfigs.add(Map.copyOf(c));
          ingests.add(IngestService.start(c));
        }
      } catch (RuntimeException e) {
        new TributaryStack(
                prefix, tokens, projectors, ingests, stateDirs, projectorConfigs, ingestConfigs)
            .close();
        throw e;
      }
      TributaryStack stack =
          new TributaryStack(
              prefix, tokens, projectors, ingests, stateDirs, projectorConfigs, ingestConfigs);
      try {
        stack.awaitReady();
      } catch (RuntimeException | AssertionError e) {
        stack.close();
        throw e;
      }
      LOG.info(
          "stack {} ready: {} projector(s) at {}, {} ingest(s) at {}",
          prefix,
          projectorCount,
          endpoints(projectors),
          ingestCount,
          stack.apis.stream().map(a -> a.base().toString()).collect(Collectors.joining(",")));
      return stack;
    }

    private static String endpoints(List<ProjectorService> ps) {
      return ps.stream().map(ProjectorService::queryEndpoint).collect(Collectors.joining(","));
    }
  }

  /** Waits until every projector runs and every ingest says it is ready. */
  public void awaitReady() {
    await("projectors RUNNING")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> projectors.stream().allMatch(ProjectorService::isRunning));
    for (Api api : apis) {
      await("ingest " + api.base() + " ready")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> api.get("/health/ready", null).status() == 200);
    }
  }
}
