package io.tributary.ingest.live;

import io.tributary.ingest.http.SseFrames;
import io.tributary.ingest.rxdb.RxdbViews;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.wire.RxdbCheckpoint;
import io.tributary.protocol.wire.RxdbPullResponse;
import java.util.List;

/**
 * Dialect B: {@code data:} with {@code {"documents":[…],"checkpoint":{"cursor":"…"}}} or the JSON
 * string {@code "RESYNC"}, which is also sent first on every connect.
 */
public final class RxdbEventFormat implements EventFormat {

  @Override
  public String changes(List<DocumentVersion> versions, String cursor) {
    return SseFrames.data(
        Json.mapper()
            .valueToTree(
                new RxdbPullResponse(RxdbViews.documents(versions), new RxdbCheckpoint(cursor)))
            .toString());
  }

  @Override
  public String resync() {
    return SseFrames.data("\"RESYNC\"");
  }

  @Override
  public String greeting() {
    return resync();
  }
}
