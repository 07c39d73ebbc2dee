package io.tributary.protocol.topic;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;

/** The topics of ARCHITECTURE.md. No topic name is written anywhere else. */
public final class Topics {

  /** Write-ahead log of every push. Key: {@code tenant/collection/id}. */
  public static final TopicDescriptor<String, ChangeRecord> CHANGES =
      new TopicDescriptor<>("changes", StringCodec.INSTANCE, new JsonCodec<>(ChangeRecord.class));

  /** Every accepted version. Key: {@code tenant/collection/id}; partitioned by tenant. */
  public static final TopicDescriptor<String, DocumentVersion> DOCUMENTS =
      new TopicDescriptor<>(
          "documents", StringCodec.INSTANCE, new JsonCodec<>(DocumentVersion.class));

  /** Push replies to ingest instances. Key: correlation id. */
  public static final TopicDescriptor<String, Outcome> OUTCOMES =
      new TopicDescriptor<>("outcomes", StringCodec.INSTANCE, new JsonCodec<>(Outcome.class));

  private Topics() {}

  /**
   * The header of the projector's tenant-reset mark on {@code documents}: a record whose key is the
   * tenant, with no value, and this header holding the new generation (decimal). Consumers of
   * {@code documents} drop what they hold of that tenant.
   */
  public static final String TENANT_RESET_HEADER = "tributary-tenant-reset";

  /**
   * The base name of the dead-letter topic: records of {@code changes} the projector could not
   * decode, copied there as they were (key, value, headers) with {@code tributary-dlq-*} headers
   * saying where they came from and why.
   */
  public static final String DEAD_LETTERS = "dead-letters";

  /** The dead-letter topic's name under a deployment's prefix. */
  public static String deadLetters(String prefix) {
    return prefix + DEAD_LETTERS;
  }

  /** The {@code documents} partition of a tenant: all of one tenant's versions share it. */
  public static int documentsPartition(String tenant, int partitions) {
    return Math.floorMod(murmurLike(tenant), partitions);
  }

  // A stable string hash (String.hashCode is specified, so it is stable across JVMs); spread the
  // bits so that tenants with similar names do not cluster.
  private static int murmurLike(String s) {
    int h = s.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
