package io.tributary.ingest.live;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The transport-neutral half of a live subscription, following docs/internals.md "Live": {@link
 * #register} first (live versions buffer), let the transport catch up, then {@link #goLive} from
 * the cursor reached: the buffer is drained and every later version whose position is above the
 * cursor of its partition goes to the {@link LiveSink}, advancing the cursor. More than {@link
 * #BUFFER_LIMIT} buffered versions end the feed with {@link LiveSink#missed}.
 *
 * <p>All state is touched on the given Vert.x context only; {@link #offer} and {@link #shutdown}
 * (called by the registry on other threads) hop onto it.
 */
public final class LiveFeed implements LiveSubscriber {

  /** Live versions kept before going live; more and the feed gives up with a resync. */
  public static final int BUFFER_LIMIT = 10_000;

  private final Context context;
  private final String tenant;
  private final Set<String> collectionFilter;
  private final SubscriberRegistry registry;
  private final LiveSink sink;

  private final ArrayDeque<DocumentVersion> buffer = new ArrayDeque<>();
  private Cursor cursor;
  private boolean live;
  private boolean closed;

  /**
   * @param collections the collections forwarded, or null for all of the tenant's
   */
  public LiveFeed(
      Context context,
      String tenant,
      List<String> collections,
      SubscriberRegistry registry,
      LiveSink sink) {
    this.context = context;
    this.tenant = tenant;
    this.collectionFilter = collections == null ? null : Set.copyOf(collections);
    this.registry = registry;
    this.sink = sink;
  }

  /** Starts buffering the tenant's live versions. */
  public void register() {
    registry.register(this);
  }

  /** Drains the buffer above {@code from} and forwards live versions from now on. */
  public void goLive(Cursor from) {
    if (closed) {
      return;
    }
    cursor = from;
    live = true;
    List<DocumentVersion> buffered = new ArrayList<>(buffer);
    buffer.clear();
    deliver(buffered);
  }

  /** Whether {@link #goLive} has run and the feed is not closed. */
  public boolean isLive() {
    return live && !closed;
  }

  /** Unregisters and drops the buffer; nothing reaches the sink afterwards. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    buffer.clear();
    registry.unregister(this);
  }

  @Override
  public String transport() {
    return sink.transport();
  }

  @Override
  public String tenant() {
    return tenant;
  }

  @Override
  public void offer(List<DocumentVersion> versions) {
    context.runOnContext(v -> onVersions(versions));
  }

  @Override
  public void tenantReset() {
    context.runOnContext(
        v -> {
          if (!closed) {
            close();
            sink.tenantReset();
          }
        });
  }

  @Override
  public void shutdown() {
    context.runOnContext(
        v -> {
          if (!closed) {
            close();
            sink.stopping();
          }
        });
  }

  private void onVersions(List<DocumentVersion> versions) {
    if (closed) {
      return;
    }
    if (!live) {
      buffer.addAll(versions);
      if (buffer.size() > BUFFER_LIMIT) {
        close();
        sink.missed();
      }
      return;
    }
    deliver(versions);
  }

  private void deliver(List<DocumentVersion> versions) {
    List<DocumentVersion> kept = new ArrayList<>();
    for (DocumentVersion v : versions) {
      if (collectionFilter != null && !collectionFilter.contains(v.collection())) {
        continue;
      }
      if (v.offset() > cursor.position(v.partition())) {
        kept.add(v);
        cursor = cursor.advance(v.partition(), v.offset());
      }
    }
    if (!kept.isEmpty()) {
      sink.changes(kept, cursor);
      registry.delivered(kept);
    }
  }
}
