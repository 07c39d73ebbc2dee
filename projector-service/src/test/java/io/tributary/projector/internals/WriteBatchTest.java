package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

  private static Bytes key(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldDecodeTheWritesItEncoded() {
    // Given puts and deletes, an empty value among them
    byte[] encoded =
        new WriteBatch()
            .put(key("Dt\0c\0a"), "{\"v\":1}".getBytes(StandardCharsets.UTF_8))
            .delete(key("It\0c\0old"))
            .put(key("Ct\0c"), new byte[0])
            .encode();

    // When decoded
    List<KeyValue<Bytes, byte[]>> writes = WriteBatch.decode(encoded);

    // Then the same writes come back in order, deletes with a null value
    assertThat(WriteBatch.isBatch(encoded)).isTrue();
    assertThat(writes)
        .extracting(kv -> kv.key)
        .containsExactly(key("Dt\0c\0a"), key("It\0c\0old"), key("Ct\0c"));
    assertThat(writes.get(0).value).isEqualTo("{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(writes.get(1).value).isNull();
    assertThat(writes.get(2).value).isEmpty();
  }

  @Test
  void shouldTellADocumentsJsonFromABatch() {
    assertThat(WriteBatch.isBatch("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(WriteBatch.isBatch(new byte[0])).isFalse();
    assertThat(WriteBatch.isBatch(null)).isFalse();
  }

  @Test
  void shouldRefuseATruncatedBatch() {
    // Given a batch cut short inside its last value
    byte[] encoded = new WriteBatch().put(key("Da"), new byte[] {1, 2, 3, 4}).encode();
    byte[] cut = Arrays.copyOf(encoded, encoded.length - 2);

    // Then decoding names the problem instead of returning part of it
    assertThatThrownBy(() -> WriteBatch.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends early");
  }

  @Test
  void shouldRefuseAnUnknownWrite() {
    byte[] encoded = new WriteBatch().delete(key("Da")).encode();
    encoded[2] = 7;

    assertThatThrownBy(() -> WriteBatch.decode(encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown write");
  }
}
