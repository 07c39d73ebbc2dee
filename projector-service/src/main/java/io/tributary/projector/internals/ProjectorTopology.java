package io.tributary.projector.internals;

import io.tributary.common.kafka.CodecSerde;
import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.topic.Topics;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * The projector's topology: {@code changes} → resolver (with the state store) → {@code outcomes}
 * and {@code documents}. Every node is named: the names are part of the topology's golden file.
 */
public final class ProjectorTopology {

  public static final String SOURCE = "changes-source";
  public static final String RESOLVER = "change-resolver";
  public static final String OUTCOMES_SINK = "outcomes-sink";
  public static final String DOCUMENTS_SINK = "documents-sink";

  private ProjectorTopology() {}

  /**
   * @param topicPrefix the deployment's topic prefix
   * @param policies the conflict policy of each collection
   */
  public static Topology build(String topicPrefix, PolicyRegistry policies) {
    return build(topicPrefix, policies, ProcessedChanges.NONE);
  }

  /**
   * @param processed told of each change's outcome (metrics); never changes what is written
   */
  public static Topology build(
      String topicPrefix, PolicyRegistry policies, ProcessedChanges processed) {
    Serializer<String> keys = CodecSerde.keys(Topics.OUTCOMES).serializer();
    return new Topology()
        .addSource(
            SOURCE,
            CodecSerde.keys(Topics.CHANGES).deserializer(),
            CodecSerde.values(Topics.CHANGES).deserializer(),
            Topics.CHANGES.name(topicPrefix))
        .addProcessor(RESOLVER, () -> new ChangeProcessor(policies, processed), SOURCE)
        .addStateStore(StateStoreDescriptor.STATE.persistentBuilder(), RESOLVER)
        .addSink(
            OUTCOMES_SINK,
            Topics.OUTCOMES.name(topicPrefix),
            keys,
            EmissionRouting.outcomeSerializer(),
            EmissionRouting.replyPartitioner(),
            RESOLVER)
        .addSink(
            DOCUMENTS_SINK,
            Topics.DOCUMENTS.name(topicPrefix),
            CodecSerde.keys(Topics.DOCUMENTS).serializer(),
            EmissionRouting.versionSerializer(),
            EmissionRouting.tenantPartitioner(),
            RESOLVER);
  }
}
