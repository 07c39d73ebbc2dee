package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.ingest.IngestMain;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology of docker-compose.yml without Docker: its two ingest and two projector services run
 * as separate JVM processes with the {@code TRIBUTARY_*} environment the file gives them (secrets
 * from {@code .env}), replacing only what cannot be the same on one host: the broker (the test's),
 * ports (free ones), state dirs (temp dirs), the projectors' advertised host (127.0.0.1, so the
 * compose service names in the ingests' projector endpoints become local endpoints) and the topic
 * prefix (a fresh one, since other tests share the broker). A push through one ingest must be
 * pulled through the other, and every instance must be ready and serve /metrics.
 *
 * <p>Process logs in {@code target/compose-topology/<prefix>/}.
 */
@ExtendWith(SharedKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeTopologyIT {

  private static final Logger LOG = LoggerFactory.getLogger(ComposeTopologyIT.class);

  private static final List<String> INGESTS = List.of("ingest-1", "ingest-2");
  private static final List<String> PROJECTORS = List.of("projector-1", "projector-2");
  private static final String HOST = "127.0.0.1";
  private static final String BOOTSTRAP = "TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS";
  private static final String TOPIC_PREFIX = "TRIBUTARY_TOPIC_PREFIX";
  private static final String HTTP_PORT = "TRIBUTARY_HTTP_PORT";
  private static final String PROJECTOR_ENDPOINTS = "TRIBUTARY_PROJECTOR_ENDPOINTS";
  private static final String PROJECTOR_HTTP_PORT = "TRIBUTARY_PROJECTOR_HTTP_PORT";
  private static final String ADVERTISED_HOST = "TRIBUTARY_PROJECTOR_ADVERTISED_HOST";
  private static final String STATE_DIR = "TRIBUTARY_PROJECTOR_STATE_DIR";
  private static final String AUTH_SECRET = "TRIBUTARY_AUTH_HS256_SECRET";
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final FreePorts ports = new FreePorts();
  private final List<ServiceProcess> launched = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();
  private final Map<String, Api> apis = new LinkedHashMap<>();
  private final Map<String, String> projectorEndpoints = new LinkedHashMap<>();
  private TestTokens tokens;

  @BeforeAll
  void startTheComposeServicesAsProcesses(EmbeddedKafka kafka) throws Throwable {
    Path repo = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    JsonNode services =
        new ObjectMapper(new YAMLFactory())
            .readTree(repo.resolve("docker-compose.yml").toFile())
            .path("services");
    Map<String, String> dotEnv = readDotEnv(repo.resolve(".env"));
    String prefix = "compose" + TestIds.shortId() + ".";
    Path logDir =
        Path.of(System.getProperty("basedir", "."), "target", "compose-topology", prefix)
            .toAbsolutePath();
    try {
      for (String name : PROJECTORS) {
        Map<String, String> env = composeEnvironment(services, name, dotEnv);
        int port = ports.next();
        Path stateDir = TempDirs.create("compose-" + name + "-state");
        stateDirs.add(stateDir);
        replace(env, BOOTSTRAP, kafka.bootstrapServers());
        replace(env, PROJECTOR_HTTP_PORT, Integer.toString(port));
        replace(env, ADVERTISED_HOST, HOST);
        replace(env, STATE_DIR, stateDir.toString());
        env.put(TOPIC_PREFIX, prefix);
        projectorEndpoints.put(name, HOST + ":" + port);
        apis.put(name, new Api(URI.create("http://" + HOST + ":" + port)));
        launch(name, ProjectorMain.class, env, logDir);
      }
      for (String name : INGESTS) {
        Map<String, String> env = composeEnvironment(services, name, dotEnv);
        int port = ports.next();
        replace(env, BOOTSTRAP, kafka.bootstrapServers());
        replace(env, HTTP_PORT, Integer.toString(port));
        replace(env, PROJECTOR_ENDPOINTS, localEndpoints(env.get(PROJECTOR_ENDPOINTS)));
        env.put(TOPIC_PREFIX, prefix);
        if (tokens == null) {
          tokens = new TestTokens(env.get(AUTH_SECRET));
        }
        apis.put(name, new Api(URI.create("http://" + HOST + ":" + port)));
        launch(name, IngestMain.class, env, logDir);
      }
      for (ServiceProcess p : launched) {
        awaitReady(p, apis.get(p.name()));
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
  void shouldPullThroughOneIngestWhatWasPushedThroughTheOtherWithEveryInstanceReady()
      throws Throwable {
    try {
      // Given every instance ready and both projectors owning partitions, as application.server
      // says
      launched.forEach(
          p -> assertThat(readyStatus(apis.get(p.name()))).as(p.name()).isEqualTo(200));
      await("both projectors own partitions")
          .atMost(TIMEOUT)
          .pollInterval(POLL)
          .until(this::owners, owners -> owners.equals(Set.copyOf(projectorEndpoints.values())));

      // When a client pushes through ingest-1
      String tenant = TestIds.tenant();
      String token = tokens.readWrite(tenant);
      ChangeFeedClient first = new ChangeFeedClient(apis.get(INGESTS.get(0)), token);
      String changeId = TestIds.changeId();
      JsonNode answer =
          first.pushOk(
              Changes.change(
                  changeId, "create", "todos", "r1", Changes.doc("r1", "pushed via ingest-1")));
      assertThat(answer.path("accepted").findValuesAsText("id")).containsExactly(changeId);

      // Then a pull through ingest-2 returns it
      ChangeFeedClient second = new ChangeFeedClient(apis.get(INGESTS.get(1)), token);
      ChangeFeedClient.Page page =
          await("a pull through ingest-2")
              .atMost(TIMEOUT)
              .pollInterval(POLL)
              .until(() -> pullOrEmpty(second), Optional::isPresent)
              .orElseThrow();
      assertThat(page.latestByRecord()).containsOnlyKeys("r1");
      assertThat(page.latestByRecord().get("r1").path("data").path("title").asText())
          .isEqualTo("pushed via ingest-1");

      // and every instance serves its meters as Prometheus text
      Set<String> projectorFamilies = new HashSet<>();
      for (String name : apis.keySet()) {
        ApiResponse r = apis.get(name).get("/metrics", null);
        assertThat(r.status()).as("GET /metrics of %s", name).isEqualTo(200);
        Map<String, JsonNode> families = PrometheusText.parse(r.body());
        assertThat(families).as("meters of %s", name).containsKey("jvm_memory_used_bytes");
        if (INGESTS.contains(name)) {
          assertThat(families).as("meters of %s", name).containsKey("tributary_live_subscribers");
        } else {
          projectorFamilies.addAll(families.keySet());
        }
      }
      assertThat(projectorFamilies)
          .contains("tributary_projector_changes_processed_total", "kafka_stream_client_state");
    } catch (Throwable t) {
      throw withProcessLogs(t);
    }
  }

  /** The {@code TRIBUTARY_*} environment of a compose service, with .env's values substituted. */
  private static Map<String, String> composeEnvironment(
      JsonNode services, String name, Map<String, String> dotEnv) {
    JsonNode environment = services.path(name).path("environment");
    assertThat(environment.isObject()).as("environment of %s in docker-compose.yml", name).isTrue();
    Map<String, String> env = new HashMap<>();
    environment
        .properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith("TRIBUTARY_")) {
                env.put(e.getKey(), interpolate(e.getValue().asText(), dotEnv));
              }
            });
    return env;
  }

  /** Compose's {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:?error}}, from .env. */
  private static String interpolate(String value, Map<String, String> dotEnv) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = dotEnv.get(m.group(1));
      if ((v == null || v.isEmpty()) && m.group(2) != null && m.group(2).endsWith("-")) {
        v = m.group(3);
      }
      assertThat(v).as("%s in docker-compose.yml is set in .env", m.group(1)).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> readDotEnv(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.trim();
      int eq = l.indexOf('=');
      if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
        values.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
      }
    }
    return values;
  }

  /** The key must be in the compose file: the test replaces a value, it does not invent one. */
  private static void replace(Map<String, String> env, String key, String value) {
    assertThat(env).as("docker-compose.yml sets %s", key).containsKey(key);
    env.put(key, value);
  }

  /** {@code projector-1:8081,projector-2:8081} → the local endpoints of those services. */
  private String localEndpoints(String composeEndpoints) {
    return List.of(composeEndpoints.split(",")).stream()
        .map(e -> e.trim().split(":")[0])
        .map(
            service -> {
              assertThat(projectorEndpoints)
                  .as("projector endpoint %s", service)
                  .containsKey(service);
              return projectorEndpoints.get(service);
            })
        .collect(Collectors.joining(","));
  }

  private void launch(String name, Class<?> main, Map<String, String> env, Path logDir) {
    launched.add(ServiceProcess.start(name, main.getName(), env, logDir.resolve(name + ".log")));
  }

  private static int readyStatus(Api api) {
    try {
      return api.get("/health/ready", null).status();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  private static void awaitReady(ServiceProcess process, Api api) {
    await(process.name() + " /health/ready")
        .atMost(START_TIMEOUT)
        .pollInterval(POLL)
        .until(
            () -> {
              assertThat(process.isAlive()).as("%s is running", process).isTrue();
              return readyStatus(api) == 200;
            });
  }

  /** The advertised endpoints owning partitions, as projector-1 sees them. */
  private Set<String> owners() {
    try {
      ApiResponse r = apis.get(PROJECTORS.get(0)).get("/internal/v1/owners", null);
      Set<String> owners = new HashSet<>();
      if (r.status() == 200) {
        r.json().path("owners").forEach(o -> owners.add(o.asText()));
      }
      return owners;
    } catch (UncheckedIOException e) {
      return Set.of();
    }
  }

  private static Optional<ChangeFeedClient.Page> pullOrEmpty(ChangeFeedClient client) {
    try {
      ChangeFeedClient.Page page = client.pullToEnd(null);
      return page.changes().isEmpty() ? Optional.empty() : Optional.of(page);
    } catch (ChangeFeedClient.PullFailed e) {
      assertThat(e.response().status()).as("%s", e.response()).isEqualTo(503);
      return Optional.empty();
    }
  }

  /** {@code t}, with the log file of every process attached and logged. */
  private Throwable withProcessLogs(Throwable t) {
    String logs =
        launched.stream()
            .map(p -> p.name() + ": " + p.logFile())
            .collect(Collectors.joining("\n  ", "\n  ", ""));
    LOG.error("ComposeTopologyIT failed: {}; process logs:{}", t.toString(), logs);
    t.addSuppressed(new AssertionError("process logs:" + logs));
    return t;
  }
}
