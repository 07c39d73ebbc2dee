package io.tributary.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The two ports of the embedded node: clients connect to {@code brokerPort}, the KRaft quorum
 * listens on {@code controllerPort}. Persisted in the data dir so that a restart on the same data
 * reuses the controller port named in {@code controller.quorum.voters}.
 */
record BrokerPorts(int brokerPort, int controllerPort) {

  private static final String BROKER_KEY = "broker.port";
  private static final String CONTROLLER_KEY = "controller.port";

  BrokerPorts {
    requirePort(brokerPort, BROKER_KEY);
    requirePort(controllerPort, CONTROLLER_KEY);
  }

  /** Reads the ports saved by {@link #save}; empty when the file does not exist. */
  static Optional<BrokerPorts> load(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + "; delete it to pick new ports", e);
    }
    try {
      return Optional.of(
          new BrokerPorts(
              Integer.parseInt(props.getProperty(BROKER_KEY, "").trim()),
              Integer.parseInt(props.getProperty(CONTROLLER_KEY, "").trim())));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Invalid ports in "
              + file
              + " ("
              + e.getMessage()
              + "); delete the file to pick new ports",
          e);
    }
  }

  /** Writes the ports atomically (temp file + rename) so a crash never leaves half a file. */
  void save(Path file) {
    Properties props = new Properties();
    props.setProperty(BROKER_KEY, Integer.toString(brokerPort));
    props.setProperty(CONTROLLER_KEY, Integer.toString(controllerPort));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, "Ports of the embedded Kafka node; the controller port must stay stable");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + "; check the data dir is writable", e);
    }
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in 1..65535, got " + port);
    }
  }
}
