package io.tributary.protocol.cursor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire form of a {@link Cursor}: opaque, compact, versioned, bound to one tenant and signed.
 *
 * <p>Layout before base64url (no padding): format version byte, generation, partition count, then
 * per partition its number and offset + 1 (all unsigned varints), then the first {@value
 * #MAC_BYTES} bytes of HMAC-SHA256 over the tenant and everything before the MAC. A cursor issued
 * to one tenant therefore fails verification for every other tenant.
 *
 * <p>Thread-safe.
 */
public final class CursorCodec {

  static final int FORMAT_VERSION = 1;
  static final int MAC_BYTES = 12;
  private static final int MAX_WIRE_LENGTH = 4096;
  private static final int MAX_PARTITIONS = 10_000;
  private static final String ALGORITHM = "HmacSHA256";

  private final Mac prototype;

  /**
   * @param secret the server's cursor signing key, at least 16 bytes
   */
  public CursorCodec(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("cursor secret must have at least 16 bytes");
    }
    try {
      prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(secret.clone(), ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The wire form of {@code cursor} for {@code tenant}. */
  public String encode(String tenant, Cursor cursor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + cursor.positions().size() * 6);
    out.write(FORMAT_VERSION);
    writeVarLong(out, cursor.generation());
    writeVarLong(out, cursor.positions().size());
    cursor
        .positions()
        .forEach(
            (p, o) -> {
              writeVarLong(out, p);
              writeVarLong(out, o + 1);
            });
    byte[] payload = out.toByteArray();
    byte[] mac = mac(tenant, payload, payload.length);
    byte[] wire = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, wire, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(wire);
  }

  /**
   * Reads a cursor a client sent back. Never throws for bad input.
   *
   * @return {@link CursorParse.Valid} only for a cursor this codec's key issued to {@code tenant}
   */
  public CursorParse decode(String tenant, String wire) {
    if (wire == null || wire.isEmpty() || wire.length() > MAX_WIRE_LENGTH) {
      return new CursorParse.Invalid("cursor is empty or too long");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(wire);
    } catch (IllegalArgumentException e) {
      return new CursorParse.Invalid("cursor is not base64url");
    }
    if (bytes.length < 1 + MAC_BYTES) {
      return new CursorParse.Invalid("cursor is truncated");
    }
    int payloadLength = bytes.length - MAC_BYTES;
    byte[] expected = Arrays.copyOf(mac(tenant, bytes, payloadLength), MAC_BYTES);
    byte[] actual = Arrays.copyOfRange(bytes, payloadLength, bytes.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      return new CursorParse.Invalid("cursor was not issued to this tenant by this server");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, payloadLength);
    if (in.get() != FORMAT_VERSION) {
      return new CursorParse.Invalid("unknown cursor format version");
    }
    try {
      long generation = readVarLong(in);
      long count = readVarLong(in);
      if (count > MAX_PARTITIONS) {
        return new CursorParse.Invalid("cursor has too many partitions");
      }
      TreeMap<Integer, Long> positions = new TreeMap<>();
      for (long i = 0; i < count; i++) {
        long partition = readVarLong(in);
        long offsetPlusOne = readVarLong(in);
        if (partition > Integer.MAX_VALUE || offsetPlusOne < 1) {
          return new CursorParse.Invalid("cursor is malformed");
        }
        positions.put((int) partition, offsetPlusOne - 1);
      }
      if (in.hasRemaining()) {
        return new CursorParse.Invalid("cursor is malformed");
      }
      return new CursorParse.Valid(Cursor.of(generation, positions));
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
      return new CursorParse.Invalid("cursor is malformed");
    }
  }

  private byte[] mac(String tenant, byte[] payload, int length) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
    byte[] t = tenant.getBytes(StandardCharsets.UTF_8);
    mac.update(t);
    mac.update((byte) 0);
    mac.update(payload, 0, length);
    return mac.doFinal();
  }

  private static void writeVarLong(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarLong(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (result < 0) {
          throw new IllegalArgumentException("varint out of range");
        }
        return result;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
