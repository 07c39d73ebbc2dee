package io.tributary.ingest.push;

import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeType;
import java.util.ArrayList;
import java.util.List;

/** Valid push items for tests of the push flow. */
final class PushItems {

  private PushItems() {}

  /** {@code n} creates in {@code todos}, with change and record ids {@code prefix + i}. */
  static List<PushItem> items(int n, String prefix) {
    List<PushItem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new PushItem(
              i, prefix + i, "todos", prefix + i, ChangeType.CREATE, null, Base.none(), null));
    }
    return out;
  }
}
