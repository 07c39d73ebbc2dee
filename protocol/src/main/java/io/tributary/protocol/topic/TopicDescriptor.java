package io.tributary.protocol.topic;

import java.util.Objects;

/**
 * One Kafka topic: its base name and the codecs of its keys and values, declared once. The full
 * name adds the deployment's prefix, so several deployments can share a cluster.
 */
public record TopicDescriptor<K, V>(String baseName, Codec<K> keyCodec, Codec<V> valueCodec) {

  public TopicDescriptor {
    Objects.requireNonNull(baseName, "baseName");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
  }

  /** The topic's name for a deployment whose topic prefix is {@code prefix} (may be empty). */
  public String name(String prefix) {
    return prefix + baseName;
  }
}
