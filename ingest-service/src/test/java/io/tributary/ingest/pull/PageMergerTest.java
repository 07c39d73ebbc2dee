package io.tributary.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.query.PartitionSlice;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PageMergerTest {

  static DocumentVersion v(int partition, long offset, long hlc) {
    return new DocumentVersion(
        "acme",
        "todos",
        "r" + partition + "-" + offset,
        Json.mapper().createObjectNode(),
        false,
        Revisions.of(partition, offset),
        partition,
        offset,
        hlc,
        hlc,
        "c" + offset);
  }

  @Test
  void shouldMoveExhaustedPartitionsToTheirWatermark() {
    // Given
    Map<Integer, PartitionSlice> slices = new TreeMap<>();
    slices.put(0, new PartitionSlice(List.of(v(0, 3, 10), v(0, 7, 30)), 12, true));
    slices.put(1, new PartitionSlice(List.of(), 40, true));

    // When
    Page page = PageMerger.merge(Cursor.BEGINNING, slices, 10);

    // Then
    assertThat(page.versions()).extracting(DocumentVersion::offset).containsExactly(3L, 7L);
    assertThat(page.cursor().position(0)).isEqualTo(12);
    assertThat(page.cursor().position(1)).isEqualTo(40);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void shouldOrderByHlcAcrossPartitionsAndCutAtPageSize() {
    // Given
    Map<Integer, PartitionSlice> slices = new TreeMap<>();
    slices.put(0, new PartitionSlice(List.of(v(0, 1, 10), v(0, 2, 40)), 9, true));
    slices.put(1, new PartitionSlice(List.of(v(1, 5, 20), v(1, 6, 30)), 9, true));

    // When
    Page page = PageMerger.merge(Cursor.BEGINNING, slices, 3);

    // Then: hlc order 10, 20, 30; partition 0 only partly taken keeps its last returned position
    assertThat(page.versions()).extracting(DocumentVersion::hlc).containsExactly(10L, 20L, 30L);
    assertThat(page.cursor().position(0)).isEqualTo(1);
    assertThat(page.cursor().position(1)).isEqualTo(9);
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void shouldKeepLastReturnedPositionWhenPartitionIsNotExhausted() {
    Map<Integer, PartitionSlice> slices =
        Map.of(0, new PartitionSlice(List.of(v(0, 4, 1), v(0, 8, 2)), 100, false));

    Page page = PageMerger.merge(Cursor.BEGINNING, slices, 2);

    assertThat(page.cursor().position(0)).isEqualTo(8);
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void shouldTakeAPrefixOfEachPartitionEvenWhenHlcIsNotMonotonicInIt() {
    // Given: partition 0 has a later position with an older stamp (another instance's clock)
    Map<Integer, PartitionSlice> slices = new TreeMap<>();
    slices.put(0, new PartitionSlice(List.of(v(0, 1, 50), v(0, 2, 5)), 2, true));
    slices.put(1, new PartitionSlice(List.of(v(1, 1, 20)), 1, true));

    // When
    Page page = PageMerger.merge(Cursor.BEGINNING, slices, 1);

    // Then: offset 2 of partition 0 is never returned before offset 1
    assertThat(page.versions()).extracting(DocumentVersion::offset).containsExactly(1L);
    assertThat(page.versions().get(0).partition()).isEqualTo(1);
    assertThat(page.cursor().position(0)).isEqualTo(Cursor.NOTHING);
  }

  @Test
  void shouldNeverMoveTheCursorBackwards() {
    // Given: a cursor already beyond what a (stale) owner reports
    Cursor from = Cursor.of(0, Map.of(0, 50L));
    Map<Integer, PartitionSlice> slices = Map.of(0, new PartitionSlice(List.of(), 20, true));

    // When
    Page page = PageMerger.merge(from, slices, 10);

    // Then
    assertThat(page.cursor().position(0)).isEqualTo(50);
  }
}
