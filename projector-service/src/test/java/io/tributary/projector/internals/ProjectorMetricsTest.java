package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.query.PartitionOwners;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projector counts each decided outcome, and counting changes nothing it writes. */
class ProjectorMetricsTest {

  private static final PolicyRegistry CAS = PolicyRegistry.uniform(new ClientResolves());

  @TempDir Path counted;
  @TempDir Path uncounted;

  /** No store is queried: the test reads counters only. */
  private static final PartitionStores NO_STORES =
      new PartitionStores() {
        @Override
        public boolean isRunning() {
          return false;
        }

        @Override
        public Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> activeStore(int partition) {
          return Optional.empty();
        }

        @Override
        public Optional<PartitionOwners> owners() {
          return Optional.empty();
        }
      };

  private static void sendAll(DriverFixture projector) {
    projector.send(Changes.write("t1", "notes", "n", "c1").data("v", "1"));
    String r1 = projector.outcomes().get(0).value.rev();
    projector.send(Changes.write("t1", "notes", "n", "c2").data("v", "2").base(Base.rev(r1)));
    // stale base: a conflict
    projector.send(Changes.write("t1", "notes", "n", "c3").data("v", "3").base(Base.rev(r1)));
    // the same change again: answered with its first outcome
    projector.send(Changes.write("t1", "notes", "n", "c1").data("v", "1"));
  }

  @Test
  void shouldCountOutcomesByStatusAndPolicy() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProjectorMetrics metrics = new ProjectorMetrics(registry, NO_STORES, 1);
    try (DriverFixture projector = new DriverFixture(CAS, counted, metrics)) {
      sendAll(projector);
    }

    assertThat(
            registry
                .get("tributary_projector_changes_processed")
                .tags("status", "accepted", "policy", "client-resolves")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(
            registry
                .get("tributary_projector_changes_processed")
                .tags("status", "conflict", "policy", "client-resolves")
                .counter()
                .count())
        .isEqualTo(1.0);
    metrics.close();
  }

  @Test
  void shouldWriteTheSameRecordsWhetherCountedOrNot() {
    List<KeyValue<byte[], byte[]>> withMetrics;
    List<KeyValue<byte[], byte[]>> without;
    try (DriverFixture projector =
        new DriverFixture(
            CAS, counted, new ProjectorMetrics(new SimpleMeterRegistry(), NO_STORES, 1))) {
      sendAll(projector);
      withMetrics = projector.rawOutput(DriverFixture.PREFIX + "documents");
    }
    try (DriverFixture projector = new DriverFixture(CAS, uncounted)) {
      sendAll(projector);
      without = projector.rawOutput(DriverFixture.PREFIX + "documents");
    }

    assertThat(withMetrics).hasSameSizeAs(without).isNotEmpty();
    for (int i = 0; i < without.size(); i++) {
      assertThat(withMetrics.get(i).key).isEqualTo(without.get(i).key);
      assertThat(withMetrics.get(i).value).isEqualTo(without.get(i).value);
    }
  }
}
