package io.tributary.ingest.live;

import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/**
 * Something that wants a tenant's new document versions as they are read from {@code documents}.
 */
public interface LiveSubscriber {

  String tenant();

  /**
   * New versions of this subscriber's tenant, in the order read. Called on the tail's thread: an
   * implementation must hand them over to its own thread and return at once.
   */
  void offer(List<DocumentVersion> versions);

  /**
   * The tenant was reset (admin API): end the stream so the client pulls again and learns of it.
   * May be called on any thread.
   */
  void tenantReset();

  /** The service is stopping: end the stream. May be called on any thread. */
  void shutdown();

  /** The transport, a bounded metrics label: {@code sse} or {@code websocket}. */
  String transport();
}
