package io.tributary.protocol.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

  private final CursorCodec codec =
      new CursorCodec("a-cursor-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8));

  @Test
  void shouldRoundTripACursorForItsTenant() {
    Cursor cursor = Cursor.of(3, Map.of(0, 17L, 5, 0L, 11, 123_456_789_012L));

    CursorParse parsed = codec.decode("acme", codec.encode("acme", cursor));

    assertThat(parsed).isEqualTo(new CursorParse.Valid(cursor));
  }

  @Test
  void shouldRoundTripTheBeginning() {
    assertThat(codec.decode("acme", codec.encode("acme", Cursor.BEGINNING)))
        .isEqualTo(new CursorParse.Valid(Cursor.BEGINNING));
  }

  @Test
  void shouldRefuseACursorIssuedToAnotherTenant() {
    String wire = codec.encode("tenant-x", Cursor.of(0, Map.of(1, 5L)));

    assertThat(codec.decode("tenant-y", wire)).isInstanceOf(CursorParse.Invalid.class);
  }

  @Test
  void shouldRefuseACursorSignedWithAnotherKey() {
    CursorCodec other =
        new CursorCodec("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
    String wire = other.encode("acme", Cursor.of(0, Map.of(1, 5L)));

    assertThat(codec.decode("acme", wire)).isInstanceOf(CursorParse.Invalid.class);
  }

  @Test
  void shouldRefuseEveryCursorWithOneFlippedBit() {
    String wire = codec.encode("acme", Cursor.of(2, Map.of(0, 1L, 3, 99L)));
    byte[] bytes = Base64.getUrlDecoder().decode(wire);

    for (int i = 0; i < bytes.length * 8; i++) {
      byte[] tampered = bytes.clone();
      tampered[i / 8] ^= (byte) (1 << (i % 8));
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

      assertThat(codec.decode("acme", forged))
          .as("bit %d", i)
          .isInstanceOf(CursorParse.Invalid.class);
    }
  }

  @Test
  void shouldRefuseGarbageWithoutThrowing() {
    for (String garbage :
        new String[] {"", "!!!", "abc", "A".repeat(5000), "____", "AAAAAAAAAAAAAAAAAAAA"}) {
      assertThat(codec.decode("acme", garbage)).as(garbage).isInstanceOf(CursorParse.Invalid.class);
    }
    assertThat(codec.decode("acme", null)).isInstanceOf(CursorParse.Invalid.class);
  }

  @Test
  void shouldBeCompactForTwelvePartitions() {
    Map<Integer, Long> positions = new java.util.HashMap<>();
    for (int p = 0; p < 12; p++) {
      positions.put(p, 1_000_000L + p);
    }

    String wire = codec.encode("acme", Cursor.of(0, positions));

    assertThat(wire).hasSizeLessThan(100).matches("[A-Za-z0-9_-]+");
  }
}
