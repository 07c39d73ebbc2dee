package io.tributary.ingest.pull;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.query.PartitionSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the per-partition slices of a scan into one page. A pure function.
 *
 * <p>The slices are merged k-way by (hlc, partition, offset), taking each slice's versions in their
 * own (position) order, so what a page takes of a partition is always a prefix of its slice. The
 * page is cut at {@code pageSize}. Per partition, the new cursor is the slice's watermark when the
 * slice was exhausted and taken whole, else the position of the last version taken, else unchanged;
 * {@link Cursor#advance} keeps it from moving back.
 */
public final class PageMerger {

  private static final Comparator<Head> ORDER = PageMerger::compare;

  private PageMerger() {}

  public static Page merge(Cursor from, Map<Integer, PartitionSlice> slices, int pageSize) {
    PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
    slices.forEach(
        (partition, slice) -> {
          if (!slice.versions().isEmpty()) {
            heads.add(new Head(partition, slice.versions(), 0));
          }
        });
    List<DocumentVersion> taken = new ArrayList<>();
    Map<Integer, Integer> takenPerPartition = new HashMap<>();
    while (taken.size() < pageSize && !heads.isEmpty()) {
      Head head = heads.poll();
      taken.add(head.current());
      takenPerPartition.merge(head.partition, 1, Integer::sum);
      if (head.index + 1 < head.versions.size()) {
        heads.add(new Head(head.partition, head.versions, head.index + 1));
      }
    }
    Cursor cursor = from;
    boolean hasMore = false;
    for (Map.Entry<Integer, PartitionSlice> e : slices.entrySet()) {
      int partition = e.getKey();
      PartitionSlice slice = e.getValue();
      int count = takenPerPartition.getOrDefault(partition, 0);
      if (slice.exhausted() && count == slice.versions().size()) {
        cursor = cursor.advance(partition, slice.watermark());
      } else {
        hasMore = true;
        if (count > 0) {
          cursor = cursor.advance(partition, slice.versions().get(count - 1).offset());
        }
      }
    }
    return new Page(List.copyOf(taken), cursor, hasMore);
  }

  /** By (hlc, partition, offset); written out because the merge compares for every version. */
  private static int compare(Head a, Head b) {
    DocumentVersion x = a.current();
    DocumentVersion y = b.current();
    int byHlc = Long.compare(x.hlc(), y.hlc());
    if (byHlc != 0) {
      return byHlc;
    }
    int byPartition = Integer.compare(x.partition(), y.partition());
    return byPartition != 0 ? byPartition : Long.compare(x.offset(), y.offset());
  }

  private record Head(int partition, List<DocumentVersion> versions, int index) {
    DocumentVersion current() {
      return versions.get(index);
    }
  }
}
