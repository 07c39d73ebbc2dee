package io.tributary.common.kafka;

import io.tributary.protocol.topic.Codec;
import io.tributary.protocol.topic.TopicDescriptor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} over a protocol {@link Codec}. Null stays null in both directions. */
public final class CodecSerde<T> implements Serde<T> {

  private final Codec<T> codec;

  public CodecSerde(Codec<T> codec) {
    this.codec = codec;
  }

  public static <K, V> CodecSerde<K> keys(TopicDescriptor<K, V> topic) {
    return new CodecSerde<>(topic.keyCodec());
  }

  public static <K, V> CodecSerde<V> values(TopicDescriptor<K, V> topic) {
    return new CodecSerde<>(topic.valueCodec());
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : codec.encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
  }
}
