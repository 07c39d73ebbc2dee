package io.tributary.ingest.live;

import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/** How one dialect frames its server-sent events. Implementations are pure and thread-safe. */
public interface EventFormat {

  /** A frame carrying versions and the cursor that covers them. */
  String changes(List<DocumentVersion> versions, String cursor);

  /** A frame telling the client it may have missed events and must pull again. */
  String resync();

  /** The frame sent first on every connect, or null for none. */
  String greeting();
}
