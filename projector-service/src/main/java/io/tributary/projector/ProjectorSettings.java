package io.tributary.projector;

import io.tributary.common.collections.CollectionRules;
import io.tributary.common.config.CommonSettings;
import io.tributary.protocol.merge.LastWriterWins;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The projector's configuration keys, declared once on top of {@link CommonSettings}.
 *
 * <p>Per-collection settings ({@code collection.<name>.*}, {@code collections}) are dynamic keys,
 * read by {@link CollectionRules}; {@link PolicyRegistry} turns them into policies. Immutable and
 * thread-safe.
 */
public final class ProjectorSettings {

  public static final String APPLICATION_ID = "projector.application.id";
  public static final String HTTP_HOST = "projector.http.host";
  public static final String HTTP_PORT = "projector.http.port";
  public static final String ADVERTISED_HOST = "projector.advertised.host";
  public static final String STATE_DIR = "projector.state.dir";
  public static final String PROCESSING_GUARANTEE = "projector.processing.guarantee";
  public static final String COMMIT_INTERVAL_MS = "projector.commit.interval.ms";
  public static final String STANDBY_REPLICAS = "projector.standby.replicas";
  public static final String DEFAULT_POLICY = CollectionRules.DEFAULT_POLICY;

  private static final ConfigDef DEFINITION = define();

  private final AbstractConfig config;
  private final PolicyRegistry policies;

  private ProjectorSettings(AbstractConfig config, PolicyRegistry policies) {
    this.config = config;
    this.policies = policies;
  }

  /**
   * Parses and validates the projector's configuration.
   *
   * @throws ConfigException naming the key whose value is missing or invalid
   */
  public static ProjectorSettings parse(Map<String, String> values) {
    return parse(values, ResolverLoader.fromClasspath());
  }

  /**
   * Parses and validates the projector's configuration, taking resolvers from {@code resolvers}.
   *
   * @throws ConfigException naming the key whose value is missing or invalid
   */
  static ProjectorSettings parse(Map<String, String> values, ResolverLoader resolvers) {
    AbstractConfig config = CommonSettings.parse(DEFINITION, values);
    PolicyRegistry policies = PolicyRegistry.from(CollectionRules.from(values), resolvers);
    return new ProjectorSettings(config, policies);
  }

  /**
   * Every key the projector reads, as a new {@link ConfigDef} (for documentation or for a process
   * that runs several services); a key that is not here is ignored or passed to Kafka.
   */
  public static ConfigDef definition() {
    return define();
  }

  private static ConfigDef define() {
    return CommonSettings.define(new ConfigDef())
        .define(
            APPLICATION_ID,
            Type.STRING,
            null,
            Importance.MEDIUM,
            "Kafka Streams application id; default <topic.prefix>projector. Changing it loses the"
                + " projector's state.")
        .define(
            HTTP_HOST,
            Type.STRING,
            "0.0.0.0",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Bind address of the internal query endpoint.")
        .define(
            HTTP_PORT,
            Type.INT,
            8081,
            Range.between(0, 65_535),
            Importance.MEDIUM,
            "Port of the internal query endpoint; 0 picks a free one.")
        .define(
            ADVERTISED_HOST,
            Type.STRING,
            "127.0.0.1",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Host the API tier uses to reach this instance's query endpoint.")
        .define(
            STATE_DIR,
            Type.STRING,
            "data/streams",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Directory of the local state stores.")
        .define(
            PROCESSING_GUARANTEE,
            Type.STRING,
            StreamsConfig.AT_LEAST_ONCE,
            ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
            Importance.MEDIUM,
            "Kafka Streams processing guarantee: at_least_once or exactly_once_v2.")
        .define(
            COMMIT_INTERVAL_MS,
            Type.LONG,
            100L,
            Range.atLeast(1),
            Importance.LOW,
            "Kafka Streams commit interval; with exactly_once_v2 it bounds push latency.")
        .define(
            STANDBY_REPLICAS,
            Type.INT,
            0,
            Range.between(0, 10),
            Importance.LOW,
            "Standby replicas of each task, for fast failover.")
        .define(
            DEFAULT_POLICY,
            Type.STRING,
            LastWriterWins.NAME,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Conflict policy of collections without one of their own: lww, client-resolves,"
                + " field-merge or a resolver's name.");
  }

  /** The Kafka Streams application id, derived from the topic prefix unless set. */
  public String applicationId() {
    String id = config.getString(APPLICATION_ID);
    return id == null || id.isBlank() ? topicPrefix() + "projector" : id;
  }

  public String topicPrefix() {
    return config.getString(CommonSettings.TOPIC_PREFIX);
  }

  public String httpHost() {
    return config.getString(HTTP_HOST);
  }

  public int httpPort() {
    return config.getInt(HTTP_PORT);
  }

  public String advertisedHost() {
    return config.getString(ADVERTISED_HOST);
  }

  public String stateDir() {
    return config.getString(STATE_DIR);
  }

  public String processingGuarantee() {
    return config.getString(PROCESSING_GUARANTEE);
  }

  public long commitIntervalMs() {
    return config.getLong(COMMIT_INTERVAL_MS);
  }

  public int standbyReplicas() {
    return config.getInt(STANDBY_REPLICAS);
  }

  public String bootstrapServers() {
    return String.join(",", config.getList(CommonSettings.KAFKA_BOOTSTRAP));
  }

  public PolicyRegistry policies() {
    return policies;
  }

  /** The parsed shared settings, for {@code TopicSetup}. */
  public AbstractConfig common() {
    return config;
  }

  /** The raw values as given, for the {@code kafka.*} pass-through. */
  public Map<String, Object> originals() {
    return config.originals();
  }
}
