package io.tributary.protocol.topic;

import java.nio.charset.StandardCharsets;

/** UTF-8 strings. */
public final class StringCodec implements Codec<String> {

  public static final StringCodec INSTANCE = new StringCodec();

  private StringCodec() {}

  @Override
  public byte[] encode(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
