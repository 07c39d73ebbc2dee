package io.tributary.projector.internals;

import io.tributary.protocol.topic.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serializers and partitioners of the two sinks: where each {@link Emission} goes, and as what. */
public final class EmissionRouting {

  private static final Logger log = LoggerFactory.getLogger(EmissionRouting.class);

  private EmissionRouting() {}

  /** Writes a reply as its {@code Outcome}. */
  public static Serializer<Emission> outcomeSerializer() {
    return (topic, e) -> e == null ? null : asReply(e).bytes();
  }

  /** Writes a version as its {@code DocumentVersion}, and a tenant-reset mark as no value. */
  public static Serializer<Emission> versionSerializer() {
    return (topic, e) -> {
      if (e == null || e instanceof Emission.TenantReset) {
        return null;
      }
      return asVersion(e).bytes();
    };
  }

  /**
   * A reply goes to the outcomes partition its pushing instance reads. A reply partition the topic
   * does not have is dropped (with a warning): the push then times out and the client retries.
   */
  public static StreamPartitioner<String, Emission> replyPartitioner() {
    return (topic, key, e, numPartitions) -> {
      int p = asReply(e).replyPartition();
      if (p < 0 || p >= numPartitions) {
        log.warn(
            "Dropped an outcome for partition {} of {}, which has {} partitions: check"
                + " ingest.outcomes.partition of the ingest instances",
            p,
            topic,
            numPartitions);
        return Optional.of(Set.of());
      }
      return Optional.of(Set.of(p));
    };
  }

  /** A version, or a tenant-reset mark, goes to the documents partition of its tenant. */
  public static StreamPartitioner<String, Emission> tenantPartitioner() {
    return (topic, key, e, numPartitions) -> {
      String tenant =
          e instanceof Emission.TenantReset reset
              ? reset.tenant()
              : asVersion(e).version().tenant();
      return Optional.of(Set.of(Topics.documentsPartition(tenant, numPartitions)));
    };
  }

  private static Emission.Reply asReply(Emission e) {
    if (e instanceof Emission.Reply reply) {
      return reply;
    }
    throw new IllegalArgumentException("the outcomes sink got a " + e.getClass().getSimpleName());
  }

  private static Emission.Version asVersion(Emission e) {
    if (e instanceof Emission.Version version) {
      return version;
    }
    throw new IllegalArgumentException("the documents sink got a " + e.getClass().getSimpleName());
  }
}
