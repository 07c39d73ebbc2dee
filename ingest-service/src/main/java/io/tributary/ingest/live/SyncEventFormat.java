package io.tributary.ingest.live;

import io.tributary.ingest.http.SseFrames;
import io.tributary.ingest.sync.SyncViews;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.wire.SyncStreamEvent;
import java.util.List;

/**
 * Dialect A: {@code event: changes} with {@code {"changes":[…],"cursor":"…"}}, and {@code event:
 * resync} (with {@code data: {}} so browsers dispatch it).
 */
public final class SyncEventFormat implements EventFormat {

  @Override
  public String changes(List<DocumentVersion> versions, String cursor) {
    return SseFrames.event(
        "changes",
        Json.mapper()
            .valueToTree(new SyncStreamEvent(SyncViews.changes(versions), cursor))
            .toString());
  }

  @Override
  public String resync() {
    return SseFrames.event("resync", "{}");
  }

  @Override
  public String greeting() {
    return null;
  }
}
