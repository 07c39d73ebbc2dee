package io.tributary.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft broker and controller in one node) running inside this JVM,
 * listening on 127.0.0.1 only, with its data in a local directory.
 *
 * <p>The first start on an empty data dir formats it with a new cluster id; later starts reuse the
 * data, so topics and records survive restarts. The chosen ports are kept in {@code
 * ports.properties} inside the data dir: the controller port must stay stable across restarts, and
 * clients find the broker at the same address as before whenever the port is free.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} may be called from any thread; {@link #close}
 * is idempotent.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String PORTS_FILE = "ports.properties";
  private static final String LOG_DIR = "log";
  private static final int MAX_BIND_ATTEMPTS = 5;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the node and returns once it answers an Admin client's {@code describeCluster}.
   *
   * @param dataDir where the node keeps its data; created and formatted when new, reused otherwise
   * @param port the client (PLAINTEXT) port, or 0 to reuse the previous port of this data dir when
   *     free and otherwise pick a free one
   * @throws IllegalStateException when the node cannot start; the message says why and what to do
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be 0 (any free port) or in 1..65535, got " + port);
    }
    Path logDir = dataDir.resolve(LOG_DIR);
    Path portsFile = dataDir.resolve(PORTS_FILE);
    createDirectories(dataDir);

    BrokerPorts ports = initialPorts(BrokerPorts.load(portsFile).orElse(null), port);
    for (int attempt = 1; ; attempt++) {
      Properties props = BrokerProperties.of(logDir, ports);
      if (!LogDirFormatter.isFormatted(logDir)) {
        LogDirFormatter.format(logDir, props);
        LOG.info("Formatted a new Kafka data dir at {}", logDir);
      }
      ports.save(portsFile);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        stopAfterFailure(server, e);
        if (!isBindFailure(e) || attempt >= MAX_BIND_ATTEMPTS) {
          throw startFailure(ports, dataDir, e);
        }
        LOG.warn("{} could not be bound (taken by another process?); retrying", ports);
        ports = freshPorts(port);
        continue;
      }
      return awaitReady(server, BrokerProperties.HOST + ":" + ports.brokerPort(), dataDir);
    }
  }

  /** The {@code host:port} clients use to reach this node, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Shuts the node down and waits until it has stopped. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Embedded Kafka at {} stopped", bootstrapServers);
  }

  private static EmbeddedKafka awaitReady(KafkaRaftServer server, String bootstrap, Path dataDir) {
    EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap);
    try {
      ClusterReadiness.await(bootstrap, READY_TIMEOUT);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    LOG.info("Embedded Kafka ready at {} (data in {})", bootstrap, dataDir.toAbsolutePath());
    return kafka;
  }

  private static IllegalStateException startFailure(
      BrokerPorts ports, Path dataDir, RuntimeException cause) {
    String advice =
        isBindFailure(cause) ? "free the port or choose another one" : "see the broker log";
    return new IllegalStateException(
        "The embedded Kafka node could not start on "
            + ports
            + " with data in "
            + dataDir
            + ": "
            + cause.getMessage()
            + "; "
            + advice,
        cause);
  }

  private static BrokerPorts initialPorts(BrokerPorts saved, int requestedPort) {
    if (saved == null) {
      return freshPorts(requestedPort);
    }
    int brokerPort = requestedPort != 0 ? requestedPort : saved.brokerPort();
    if (brokerPort == saved.controllerPort()) {
      return new BrokerPorts(brokerPort, FreePorts.pickOtherThan(brokerPort));
    }
    return new BrokerPorts(brokerPort, saved.controllerPort());
  }

  private static BrokerPorts freshPorts(int requestedPort) {
    int brokerPort = requestedPort != 0 ? requestedPort : FreePorts.pick();
    return new BrokerPorts(brokerPort, FreePorts.pickOtherThan(brokerPort));
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null
          && (message.contains("Address already in use") || message.contains("failed to bind"))) {
        return true;
      }
    }
    return false;
  }

  private static void stopAfterFailure(KafkaRaftServer server, RuntimeException cause) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the Kafka data dir " + dir + "; check permissions", e);
    }
  }
}
