package io.tributary.projector.internals;

import io.tributary.protocol.query.PartitionOwners;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link PartitionStores} over a {@link KafkaStreams} attached once it exists (the query endpoint
 * is bound before Streams starts, because Streams must know the endpoint's port).
 */
public final class StreamsPartitionStores implements PartitionStores {

  private final String changesTopic;
  private final int changesPartitions;
  private volatile KafkaStreams streams;

  /**
   * @param changesTopic the full name of the {@code changes} topic
   * @param changesPartitions its partition count
   */
  public StreamsPartitionStores(String changesTopic, int changesPartitions) {
    this.changesTopic = changesTopic;
    this.changesPartitions = changesPartitions;
  }

  /** Makes the stores of {@code kafkaStreams} queryable; called once. */
  public void attach(KafkaStreams kafkaStreams) {
    this.streams = kafkaStreams;
  }

  @Override
  public boolean isRunning() {
    KafkaStreams s = streams;
    return s != null && s.state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> activeStore(int partition) {
    if (!isRunning() || partition < 0 || partition >= changesPartitions) {
      return Optional.empty();
    }
    StateStoreDescriptor state = StateStoreDescriptor.STATE;
    try {
      // Without enableStaleStores(): active tasks only, never a standby or restoring copy.
      return Optional.of(
          streams.store(
              StoreQueryParameters.fromNameAndType(state.name(), state.queryableType())
                  .withPartition(partition)));
    } catch (InvalidStateStoreException notHereNow) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<PartitionOwners> owners() {
    if (!isRunning()) {
      return Optional.empty();
    }
    Map<Integer, String> owners = new TreeMap<>();
    for (StreamsMetadata client :
        streams.streamsMetadataForStore(StateStoreDescriptor.STATE.name())) {
      HostInfo host = client.hostInfo();
      if (host.port() <= 0) {
        continue; // an instance without application.server cannot be queried
      }
      for (TopicPartition tp : client.topicPartitions()) {
        if (tp.topic().equals(changesTopic)) {
          owners.put(tp.partition(), host.host() + ":" + host.port());
        }
      }
    }
    return Optional.of(new PartitionOwners(changesPartitions, owners));
  }
}
