package io.tributary.ingest.live;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/**
 * The transport half of a live subscription (a server-sent event stream, a WebSocket): what a
 * {@link LiveFeed} hands its versions to. Every method is called on the feed's Vert.x context.
 */
public interface LiveSink {

  /**
   * Live versions above the feed's cursor, in the order read, of the feed's collections.
   *
   * @param cursor the feed's cursor after them (covers every version given)
   */
  void changes(List<DocumentVersion> versions, Cursor cursor);

  /**
   * Live versions were dropped (too many arrived before the feed went live): the client must pull
   * again from its cursor. The feed is already closed when this is called.
   */
  void missed();

  /**
   * The tenant was reset: the client's cursor is of an old generation and its next pull gets 410
   * {@code tenant_reset}. The feed is already closed when this is called. By default the same
   * resync as {@link #missed}.
   */
  default void tenantReset() {
    missed();
  }

  /** The service is stopping. The feed is already closed when this is called. */
  void stopping();

  /** The transport, a bounded metrics label: {@code sse} or {@code websocket}. */
  String transport();
}
