package io.tributary.standalone;

import io.tributary.ingest.IngestService;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of Tributary in one JVM: an embedded single-node Kafka broker, the projector and the
 * public API, with all data under one directory (see {@link StandaloneSettings#DATA_DIR}).
 *
 * <p>{@link #close} stops the API first, then the projector, then the broker. Thread-safe; {@link
 * #close} is idempotent.
 */
public final class Standalone implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);
  static final Duration PROJECTOR_START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final EmbeddedKafka kafka;
  private final ProjectorService projector;
  private final IngestService ingest;
  private final String authSecret;
  private final String apiHost;
  private boolean closed;

  private Standalone(
      Path dataDir,
      EmbeddedKafka kafka,
      ProjectorService projector,
      IngestService ingest,
      String authSecret,
      String apiHost) {
    this.dataDir = dataDir;
    this.kafka = kafka;
    this.projector = projector;
    this.ingest = ingest;
    this.authSecret = authSecret;
    this.apiHost = apiHost;
  }

  /**
   * Starts broker, projector and API in that order and returns once the API is bound and the
   * projector is running (or {@link #PROJECTOR_START_TIMEOUT} has passed). If a part fails to
   * start, the parts already started are stopped again.
   *
   * @param config every key of the stack; see {@link StandaloneSettings} and the services' keys
   * @throws org.apache.kafka.common.config.ConfigException naming the key of an invalid value
   */
  public static Standalone start(Map<String, String> config) {
    StandaloneSettings settings = StandaloneSettings.parse(config);
    Path dataDir = settings.dataDir();
    Map<String, String> secrets = SecretsFile.resolve(dataDir, config);

    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), settings.kafkaPort());
    ProjectorService projector = null;
    try {
      Map<String, String> services =
          StackConfig.forServices(config, dataDir, kafka.bootstrapServers(), secrets);
      projector = ProjectorService.start(services);
      // Pulls need the projector's partitions; without this the first pulls would answer 503.
      if (!projector.awaitRunning(PROJECTOR_START_TIMEOUT)) {
        LOG.warn(
            "The projector is not running after {}; pulls answer 503 until it is",
            PROJECTOR_START_TIMEOUT);
      }
      IngestService ingest =
          IngestService.start(StackConfig.forIngest(services, projector.queryEndpoint()));
      return new Standalone(
          dataDir,
          kafka,
          projector,
          ingest,
          secrets.get(SecretsFile.AUTH_SECRET),
          StackConfig.reachableHost(services.get(StackConfig.HTTP_HOST)));
    } catch (RuntimeException e) {
      closeAfterFailure(projector, e);
      closeAfterFailure(kafka, e);
      throw e;
    }
  }

  /** The port the public HTTP API listens on. */
  public int httpPort() {
    return ingest.httpPort();
  }

  /** Where clients on this machine reach the API, e.g. {@code http://127.0.0.1:8080}. */
  public String apiBaseUrl() {
    return "http://" + apiHost + ":" + ingest.httpPort();
  }

  /** The embedded broker's {@code host:port}, for tools such as kafka-console-consumer. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The projector's internal query endpoint, {@code host:port}. */
  public String projectorEndpoint() {
    return projector.queryEndpoint();
  }

  /** The absolute directory holding all data of this stack. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * A fresh token for {@code tenant} with scopes {@code sync:read sync:write}, valid 30 days,
   * signed with this stack's HS256 secret. Meant for trying the API out; never log it.
   */
  public String mintToken(String tenant) {
    return DemoToken.mint(authSecret, tenant, Instant.now());
  }

  /** Stops the API, then the projector, then the broker; each is stopped even if one fails. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (AutoCloseable part : new AutoCloseable[] {ingest, projector, kafka}) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Stopping the standalone stack failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info("Tributary standalone stopped");
  }

  private static void closeAfterFailure(AutoCloseable part, RuntimeException cause) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
