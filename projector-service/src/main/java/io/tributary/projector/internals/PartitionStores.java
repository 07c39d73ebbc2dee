package io.tributary.projector.internals;

import io.tributary.protocol.query.PartitionOwners;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the query endpoint needs from Kafka Streams. Implementations are thread-safe; every method
 * may block briefly and is called off the event loop.
 */
public interface PartitionStores {

  /** True when Kafka Streams is RUNNING. */
  boolean isRunning();

  /**
   * The store of {@code changes} partition {@code partition} if this instance runs it as an active
   * task now; empty otherwise (not owned, restoring, migrating, not running).
   */
  Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> activeStore(int partition);

  /** Which instance owns each partition; empty when not RUNNING. */
  Optional<PartitionOwners> owners();
}
