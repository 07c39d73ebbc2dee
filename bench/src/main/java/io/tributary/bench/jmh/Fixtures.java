package io.tributary.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.DocumentVersion;
import java.util.TreeMap;

/** The values the micro-benchmarks work on: shaped like what the push workload sends. */
final class Fixtures {

  static final String TENANT = "bench-tenant";
  static final int PARTITIONS = 12;

  private Fixtures() {}

  /** A cursor over every partition of a default-sized topic, at realistic offsets. */
  static Cursor cursor() {
    TreeMap<Integer, Long> positions = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      positions.put(p, 1_000_000L + p * 7_919L);
    }
    return Cursor.of(3, positions);
  }

  /** The fields of a ~300-byte change. */
  static ObjectNode data(long n) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("title", "note " + n)
        .put("body", "lorem ipsum dolor sit amet ".repeat(5).trim())
        .put("done", false)
        .put("n", n);
  }

  static ChangeRecord change(long hlc) {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        "c-" + hlc,
        TENANT,
        "notes",
        "k1-42",
        ChangeType.UPDATE,
        data(hlc),
        Base.none(),
        hlc,
        hlc >> 16,
        null,
        "corr-" + hlc,
        3);
  }

  static DocumentVersion current(long hlc) {
    return new DocumentVersion(
        TENANT, "notes", "k1-42", data(hlc), false, "3-abc", 5, 41_000L, hlc, hlc >> 16, "c-old");
  }
}
