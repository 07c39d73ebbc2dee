package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.topic.Topics;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmissionRoutingTest {

  private static final Outcome OUTCOME =
      new Outcome("corr", "c1", Outcome.Status.ACCEPTED, "rev", 1, null, null, null);

  @Test
  void shouldRouteAnOutcomeToTheReplyPartitionOfItsChange() {
    // When a reply for partition 4 of six is routed
    Optional<Set<Integer>> partitions =
        EmissionRouting.replyPartitioner()
            .partitions("outcomes", "corr", new Emission.Reply(OUTCOME, 4), 6);

    // Then it goes to partition 4 only
    assertThat(partitions).contains(Set.of(4));
  }

  @Test
  void shouldDropAnOutcomeForAPartitionTheTopicDoesNotHave() {
    // When a reply names partition 9 of a six-partition topic
    Optional<Set<Integer>> partitions =
        EmissionRouting.replyPartitioner()
            .partitions("outcomes", "corr", new Emission.Reply(OUTCOME, 9), 6);

    // Then it is dropped instead of failing the task
    assertThat(partitions).contains(Set.of());
  }

  @Test
  void shouldRouteAVersionToItsTenantsDocumentsPartition() {
    DocumentVersion version =
        new DocumentVersion(
            "tenant-42", "todos", "a", Changes.fields("id", "a"), false, "r", 0, 0, 1, 1, "c1");

    Optional<Set<Integer>> partitions =
        EmissionRouting.tenantPartitioner()
            .partitions("documents", "k", new Emission.Version(version), 12);

    assertThat(partitions).contains(Set.of(Topics.documentsPartition("tenant-42", 12)));
  }

  @Test
  void shouldWriteOnlyTheOutcomeOfAReply() {
    byte[] bytes =
        EmissionRouting.outcomeSerializer().serialize("outcomes", new Emission.Reply(OUTCOME, 4));

    assertThat(Topics.OUTCOMES.valueCodec().decode(bytes)).isEqualTo(OUTCOME);
  }
}
