package io.tributary.standalone;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys only the standalone stack reads, declared once. Every other key passes through to the
 * projector and the ingest service unchanged.
 *
 * <p>Immutable; thread-safe.
 */
public final class StandaloneSettings {

  public static final String DATA_DIR = "standalone.data.dir";
  public static final String KAFKA_PORT = "standalone.kafka.port";

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              DATA_DIR,
              Type.STRING,
              "./data",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Directory of everything the stack keeps: kafka/ (broker data), streams/ (projector"
                  + " state) and secrets.properties. Reused on restart.")
          .define(
              KAFKA_PORT,
              Type.INT,
              0,
              Range.between(0, 65535),
              Importance.LOW,
              "Client port of the embedded Kafka broker on 127.0.0.1; 0 reuses the previous port"
                  + " of the data dir when free, else any free port.");

  private final AbstractConfig config;

  private StandaloneSettings(AbstractConfig config) {
    this.config = config;
  }

  /**
   * @throws ConfigException naming the key of an invalid value
   */
  public static StandaloneSettings parse(Map<String, String> values) {
    return new StandaloneSettings(new AbstractConfig(DEFINITION, values, false));
  }

  /** The declaration of every standalone key, for documentation and tooling. */
  public static ConfigDef definition() {
    return new ConfigDef(DEFINITION);
  }

  public Path dataDir() {
    return Path.of(config.getString(DATA_DIR)).toAbsolutePath().normalize();
  }

  public int kafkaPort() {
    return config.getInt(KAFKA_PORT);
  }
}
