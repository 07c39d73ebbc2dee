package io.tributary.ingest;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scan answers for tests that use a {@link FakeProjector}. */
public final class ScanFixtures {

  private ScanFixtures() {}

  public static DocumentVersion version(String id, int partition, long offset, boolean deleted) {
    return new DocumentVersion(
        "acme",
        "todos",
        id,
        Json.mapper().createObjectNode().put("id", id).put("title", "t-" + id),
        deleted,
        Revisions.of(partition, offset),
        partition,
        offset,
        (1000L + offset) << 16,
        1000L + offset,
        "c-" + id);
  }

  /**
   * Partition 0 holds r1@3 and r2@5 (tombstone; watermark 9), partition 1 is empty (watermark 4).
   */
  public static ScanResponse twoPartitions(ScanRequest scan) {
    Map<Integer, PartitionSlice> slices = new TreeMap<>();
    List<DocumentVersion> p0 =
        List.of(version("r1", 0, 3, false), version("r2", 0, 5, true)).stream()
            .filter(v -> v.offset() > scan.after().getOrDefault(0, -1L))
            .limit(scan.limit())
            .toList();
    slices.put(0, new PartitionSlice(p0, 9, p0.size() < scan.limit()));
    slices.put(1, new PartitionSlice(List.of(), 4, true));
    return new ScanResponse(slices);
  }
}
