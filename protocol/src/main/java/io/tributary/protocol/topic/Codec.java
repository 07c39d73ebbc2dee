package io.tributary.protocol.topic;

/** Turns values of one type into bytes and back. Implementations are stateless and thread-safe. */
public interface Codec<T> {

  byte[] encode(T value);

  /**
   * @throws CodecException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes);
}
