package io.tributary.protocol.topic;

import io.tributary.protocol.json.Json;
import java.io.IOException;

/** A {@link Codec} that writes JSON with the shared {@link Json} mapper. */
public final class JsonCodec<T> implements Codec<T> {

  private final Class<T> type;

  public JsonCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public byte[] encode(T value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new CodecException("cannot encode " + type.getSimpleName(), e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    try {
      return Json.mapper().readValue(bytes, type);
    } catch (IOException e) {
      throw new CodecException("not a valid " + type.getSimpleName(), e);
    }
  }
}
