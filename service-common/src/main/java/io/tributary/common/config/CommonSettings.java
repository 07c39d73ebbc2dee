package io.tributary.common.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings both services share, declared once with type, default, validation and doc. Services add
 * their own keys with {@link #define(ConfigDef)} as the base.
 */
public final class CommonSettings {

  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
  public static final String TOPIC_PREFIX = "topic.prefix";
  public static final String CHANGES_PARTITIONS = "topic.changes.partitions";
  public static final String DOCUMENTS_PARTITIONS = "topic.documents.partitions";
  public static final String OUTCOMES_PARTITIONS = "topic.outcomes.partitions";
  public static final String REPLICATION_FACTOR = "topic.replication.factor";
  public static final String CHANGES_RETENTION_MS = "topic.changes.retention.ms";
  public static final String DOCUMENTS_RETENTION_MS = "topic.documents.retention.ms";
  public static final String OUTCOMES_RETENTION_MS = "topic.outcomes.retention.ms";
  public static final String DEAD_LETTERS_RETENTION_MS = "topic.dead.letters.retention.ms";

  /** A list setting that must name at least one entry. */
  public static final ConfigDef.Validator NON_EMPTY_LIST =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
              throw new ConfigException(name, value, "must name at least one entry");
            }
          },
          () -> "non-empty list");

  private CommonSettings() {}

  /** Adds the shared keys to {@code def} and returns it. */
  public static ConfigDef define(ConfigDef def) {
    return def.define(
            KAFKA_BOOTSTRAP,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            NON_EMPTY_LIST,
            Importance.HIGH,
            "Kafka bootstrap servers, host:port[,host:port…].")
        .define(
            TOPIC_PREFIX,
            Type.STRING,
            "tributary.",
            new ConfigDef.NonNullValidator(),
            Importance.MEDIUM,
            "Prefix of every topic name, so several deployments can share one cluster.")
        .define(
            CHANGES_PARTITIONS,
            Type.INT,
            12,
            Range.between(1, 10_000),
            Importance.MEDIUM,
            "Partitions of the changes topic when it is created: the projector's parallelism.")
        .define(
            DOCUMENTS_PARTITIONS,
            Type.INT,
            12,
            Range.between(1, 10_000),
            Importance.LOW,
            "Partitions of the documents topic when it is created.")
        .define(
            OUTCOMES_PARTITIONS,
            Type.INT,
            6,
            Range.between(1, 10_000),
            Importance.LOW,
            "Partitions of the outcomes topic when it is created.")
        .define(
            REPLICATION_FACTOR,
            Type.SHORT,
            (short) -1,
            Range.between(-1, 32),
            Importance.MEDIUM,
            "Replication factor of created topics; -1 takes the broker's default.")
        .define(
            CHANGES_RETENTION_MS,
            Type.LONG,
            -1L,
            Range.atLeast(-1),
            Importance.LOW,
            "Retention of the changes topic (the audit log); -1 keeps it forever.")
        .define(
            DOCUMENTS_RETENTION_MS,
            Type.LONG,
            7L * 24 * 3600 * 1000,
            Range.atLeast(-1),
            Importance.LOW,
            "Retention of the documents topic.")
        .define(
            OUTCOMES_RETENTION_MS,
            Type.LONG,
            6L * 3600 * 1000,
            Range.atLeast(60_000),
            Importance.LOW,
            "Retention of the outcomes topic.")
        .define(
            DEAD_LETTERS_RETENTION_MS,
            Type.LONG,
            30L * 24 * 3600 * 1000,
            Range.atLeast(60_000),
            Importance.LOW,
            "Retention of the dead-letters topic (change records the projector could not decode).");
  }

  /** Parses and validates; a bad value fails with a ConfigException naming the key. */
  public static AbstractConfig parse(ConfigDef def, Map<String, String> values) {
    return new AbstractConfig(def, values, false);
  }
}
