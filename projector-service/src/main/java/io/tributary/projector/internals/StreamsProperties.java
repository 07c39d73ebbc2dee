package io.tributary.projector.internals;

import io.tributary.common.config.ConfigSource;
import io.tributary.projector.ProjectorSettings;
import io.tributary.protocol.topic.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the projector. */
public final class StreamsProperties {

  private StreamsProperties() {}

  /**
   * Tuning defaults first, then the {@code kafka.*} pass-through (which may override them), then
   * the values of the projector's own declared keys, which always win.
   *
   * @param applicationServer the query endpoint's advertised {@code host:port}
   */
  public static Properties of(ProjectorSettings settings, String applicationServer) {
    Properties props = new Properties();
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    // Streams' producer lingers 100 ms by default, which would dominate push latency.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        SkipUndecodableRecords.class.getName());
    // The topology has no global stores; opting in now silences a warning at every start and
    // matches the default of Kafka 5.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.putAll(ConfigSource.kafkaPassThrough(settings.originals()));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    props.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        Topics.deadLetters(settings.topicPrefix()));
    return props;
  }
}
