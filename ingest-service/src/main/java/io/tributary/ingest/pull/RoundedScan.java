package io.tributary.ingest.pull;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.query.PartitionSlice;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills one page from per-partition scans without asking every partition for a whole page.
 *
 * <p>A page merges the slices of all P partitions and keeps {@code pageSize} versions, so asking
 * each partition for {@code pageSize} would read, send and parse P times the page. Instead each
 * round asks every partition for its fair share of what is still missing plus a sixteenth, merges
 * with {@link PageMerger} (which keeps every cursor rule), and, while the page is not full and more
 * remains, scans again from the cursor it reached with a doubled share. The first round fills the
 * page whenever no partition runs out: a partition that reaches its share without running out only
 * stops giving, and the others' answers fill the page (pages are in time order within a partition,
 * not across partitions). So little more than a page is read, and a second round is needed only
 * when some partitions hold fewer than their share (the end of the data, or a skewed tenant). A
 * page is therefore full whenever more versions wait, as with one big scan. Should a later round
 * return a newer version of a document an earlier round returned, the page keeps only the newer one
 * and scans on while that leaves it short.
 *
 * <p>Thread-safe: the learned partition count is a hint only.
 */
final class RoundedScan {

  /** One scan of every partition after {@code from}, at most {@code limit} versions each. */
  interface Scanner {
    Future<Map<Integer, PartitionSlice>> scan(Cursor from, int limit);
  }

  static final int MIN_SHARE = 16;

  private volatile int partitions;

  /** The per-partition limit of a round that still misses {@code missing} versions. */
  int share(int missing, int round) {
    int p = partitions;
    if (p <= 0) {
      return missing;
    }
    long fair = ((17L * missing + 16L * p - 1) / (16L * p)) << Math.min(round, 20);
    return (int) Math.min(missing, Math.max(MIN_SHARE, fair));
  }

  Future<Page> page(Scanner scanner, Cursor from, int pageSize) {
    return round(scanner, from, pageSize, new ArrayList<>(), 0);
  }

  private Future<Page> round(
      Scanner scanner, Cursor from, int pageSize, List<DocumentVersion> taken, int round) {
    int missing = pageSize - taken.size();
    // Each round starts after the cursor the last one reached, so rounds never overlap a position.
    return scanner
        .scan(from, share(missing, round))
        .compose(
            slices -> {
              partitions = slices.size();
              Page part = PageMerger.merge(from, slices, missing);
              taken.addAll(part.versions());
              List<DocumentVersion> versions = round == 0 ? taken : newestOnly(taken);
              if (!part.hasMore() || versions.size() >= pageSize) {
                return Future.succeededFuture(
                    new Page(List.copyOf(versions), part.cursor(), part.hasMore()));
              }
              return round(scanner, part.cursor(), pageSize, versions, round + 1);
            });
  }

  private static List<DocumentVersion> newestOnly(List<DocumentVersion> versions) {
    Map<DocKey, DocumentVersion> byKey = new LinkedHashMap<>();
    for (DocumentVersion v : versions) {
      byKey.remove(v.key());
      byKey.put(v.key(), v);
    }
    return new ArrayList<>(byKey.values());
  }
}
