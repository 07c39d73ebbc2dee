package io.tributary.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.query.PartitionSlice;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoundedScanTest {

  /** Partitions in memory, scanned as the projector does: positions in (after, W], W read first. */
  private static final class FakePartitions implements RoundedScan.Scanner {
    final Map<Integer, TreeMap<Long, DocumentVersion>> byPartition = new TreeMap<>();
    final Map<Integer, Long> nextOffset = new TreeMap<>();
    final List<Integer> limits = new ArrayList<>();
    long hlc;

    FakePartitions(int partitions) {
      for (int p = 0; p < partitions; p++) {
        byPartition.put(p, new TreeMap<>());
      }
    }

    void write(int partition, String id) {
      TreeMap<Long, DocumentVersion> docs = byPartition.get(partition);
      docs.values().removeIf(v -> v.id().equals(id));
      long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
      hlc++;
      docs.put(
          offset,
          new DocumentVersion(
              "acme",
              "todos",
              id,
              Json.mapper().createObjectNode(),
              false,
              Revisions.of(partition, offset),
              partition,
              offset,
              hlc,
              hlc,
              "c" + hlc));
    }

    @Override
    public Future<Map<Integer, PartitionSlice>> scan(Cursor from, int limit) {
      limits.add(limit);
      Map<Integer, PartitionSlice> slices = new TreeMap<>();
      byPartition.forEach(
          (p, docs) -> {
            long watermark = docs.isEmpty() ? -1 : docs.lastKey();
            List<DocumentVersion> found =
                docs.tailMap(from.position(p), false).values().stream().limit(limit).toList();
            slices.put(p, new PartitionSlice(found, watermark, found.size() < limit));
          });
      return Future.succeededFuture(slices);
    }
  }

  @Test
  void shouldFillEveryPageWhileMoreWaitsEvenWhenOnePartitionHoldsEverything() {
    // Given
    FakePartitions store = new FakePartitions(12);
    for (int i = 0; i < 250; i++) {
      store.write(3, "d" + i);
    }
    RoundedScan scan = new RoundedScan();

    // When
    Page first = scan.page(store, Cursor.BEGINNING, 100).result();
    Page second = scan.page(store, first.cursor(), 100).result();
    Page third = scan.page(store, second.cursor(), 100).result();

    // Then
    assertThat(first.versions()).hasSize(100);
    assertThat(first.hasMore()).isTrue();
    assertThat(second.versions()).hasSize(100);
    assertThat(third.versions()).hasSize(50);
    assertThat(third.hasMore()).isFalse();
  }

  @Test
  void shouldReturnEveryDocumentOnceAcrossPagesAndAskForLittleMoreThanTheFairShare() {
    // Given
    FakePartitions store = new FakePartitions(12);
    for (int i = 0; i < 5000; i++) {
      store.write(Math.floorMod(("d" + i).hashCode(), 12), "d" + i);
    }
    RoundedScan scan = new RoundedScan();
    Set<String> seen = new HashSet<>();

    // When
    Cursor cursor = Cursor.BEGINNING;
    int pages = 0;
    Page page;
    do {
      page = scan.page(store, cursor, 1000).result();
      page.versions().forEach(v -> assertThat(seen.add(v.id())).isTrue());
      cursor = page.cursor();
      pages++;
    } while (page.hasMore());

    // Then
    assertThat(seen).hasSize(5000);
    assertThat(pages).isBetween(5, 6);
    assertThat(store.limits.get(0)).isEqualTo(1000);
    assertThat(store.limits.get(store.limits.size() - 1)).isEqualTo(89);
    // and one round fills a page while every partition has more than its share
    assertThat(store.limits).as("rounds of %d pages", pages).hasSizeLessThanOrEqualTo(pages + 2);
  }

  @Test
  void shouldKeepOnlyTheNewerVersionWhenALaterRoundFindsADocumentAgain() {
    // Given: round one takes d0 and exhausts partition 0; d0 is written again before round two
    FakePartitions store = new FakePartitions(12);
    store.write(0, "d0");
    for (int i = 0; i < 200; i++) {
      store.write(1, "e" + i);
    }
    RoundedScan scan = new RoundedScan();
    scan.page(store, Cursor.BEGINNING, 1); // learns that there are 12 partitions
    RoundedScan.Scanner rewriting =
        new RoundedScan.Scanner() {
          int calls;

          @Override
          public Future<Map<Integer, PartitionSlice>> scan(Cursor from, int limit) {
            if (calls++ == 1) {
              store.write(0, "d0");
            }
            return store.scan(from, limit);
          }
        };

    // When
    Page page = scan.page(rewriting, Cursor.BEGINNING, 120).result();

    // Then
    assertThat(page.versions()).hasSize(120);
    assertThat(page.versions())
        .filteredOn(v -> v.id().equals("d0"))
        .extracting(DocumentVersion::offset)
        .containsExactly(1L);
  }

  @Test
  void shouldAskForAWholePageUntilThePartitionCountIsKnown() {
    RoundedScan scan = new RoundedScan();

    assertThat(scan.share(1000, 0)).isEqualTo(1000);
  }
}
