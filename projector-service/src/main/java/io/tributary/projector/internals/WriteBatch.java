package io.tributary.projector.internals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/**
 * The store writes of one change record as one value, put under the document's key: the changelog
 * gets them as one record and a restore applies them together ({@link BatchingStore}), so a crash
 * keeps all of a change's writes or none, and a change costs one changelog record instead of one
 * per key.
 *
 * <p>Encoding: {@code 0x00 0x01}, then per write a flag (1 put, 0 delete), the key's length (4
 * bytes) and the key, and for a put the value's length (4 bytes) and the value. A document's own
 * value is JSON and starts with {@code '{'}, so the leading zero tells the two apart.
 */
final class WriteBatch {

  static final byte MAGIC = 0;
  static final byte FORMAT = 1;
  private static final byte PUT = 1;
  private static final byte DELETE = 0;

  private final List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(8);
  private int size = 2;

  /** Adds a put; a later write of the same key wins. */
  WriteBatch put(Bytes key, byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("a put needs a value; use delete");
    }
    writes.add(KeyValue.pair(key, value));
    size += 1 + Integer.BYTES + key.get().length + Integer.BYTES + value.length;
    return this;
  }

  /** Adds a delete. */
  WriteBatch delete(Bytes key) {
    writes.add(KeyValue.pair(key, null));
    size += 1 + Integer.BYTES + key.get().length;
    return this;
  }

  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(size).put(MAGIC).put(FORMAT);
    for (KeyValue<Bytes, byte[]> write : writes) {
      byte[] key = write.key.get();
      out.put(write.value == null ? DELETE : PUT).putInt(key.length).put(key);
      if (write.value != null) {
        out.putInt(write.value.length).put(write.value);
      }
    }
    return out.array();
  }

  /** Whether {@code value} is an encoded batch rather than a value to store as it is. */
  static boolean isBatch(byte[] value) {
    return value != null && value.length >= 2 && value[0] == MAGIC && value[1] == FORMAT;
  }

  /**
   * The writes of an encoded batch, in order; a delete has a null value.
   *
   * @throws IllegalArgumentException when {@code encoded} is not a whole batch
   */
  static List<KeyValue<Bytes, byte[]>> decode(byte[] encoded) {
    if (!isBatch(encoded)) {
      throw new IllegalArgumentException("not a write batch");
    }
    ByteBuffer in = ByteBuffer.wrap(encoded, 2, encoded.length - 2);
    List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(8);
    try {
      while (in.hasRemaining()) {
        byte flag = in.get();
        if (flag != PUT && flag != DELETE) {
          throw new IllegalArgumentException("a write batch holds an unknown write " + flag);
        }
        Bytes key = Bytes.wrap(take(in));
        out.add(KeyValue.pair(key, flag == PUT ? take(in) : null));
      }
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("a write batch ends early", e);
    }
    return out;
  }

  private static byte[] take(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("a write batch ends early");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }
}
