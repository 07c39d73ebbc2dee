package io.tributary.ingest.live;

import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.SseFrames;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * One server-sent event stream over a {@link LiveFeed}: register first, catch up by pull until
 * every partition is exhausted, then go live. A buffer overflow or a connection that cannot keep up
 * ends the stream with a resync frame.
 *
 * <p>All state is touched on the request's Vert.x context only.
 */
public final class LiveStream implements LiveSink {

  /** Live versions kept while catching up before the stream gives up with a resync. */
  static final int BUFFER_LIMIT = LiveFeed.BUFFER_LIMIT;

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final String tenant;
  private final List<String> collections;
  private final PullService pull;
  private final LiveFeed feed;
  private final EventFormat format;
  private final int pageSize;
  private final long heartbeatMs;

  private Cursor cursor;
  private boolean opened;
  private boolean closed;
  private long heartbeatTimer = -1;

  /**
   * @param collections the collections streamed, or null for all of the tenant's
   */
  public LiveStream(
      RoutingContext ctx,
      String tenant,
      List<String> collections,
      PullService pull,
      SubscriberRegistry registry,
      EventFormat format,
      int pageSize,
      long heartbeatMs) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.tenant = tenant;
    this.collections = collections;
    this.pull = pull;
    this.feed = new LiveFeed(ctx.vertx().getOrCreateContext(), tenant, collections, registry, this);
    this.format = format;
    this.pageSize = pageSize;
    this.heartbeatMs = heartbeatMs;
  }

  /**
   * Registers, then catches up from the cursor {@code start} supplies (or, when {@code catchUp} is
   * false, goes live from it at once).
   */
  public void start(Supplier<Future<Cursor>> start, boolean catchUp) {
    feed.register();
    response.closeHandler(v -> close());
    response.exceptionHandler(e -> close());
    start
        .get()
        .onSuccess(
            c -> {
              if (closed) {
                return;
              }
              cursor = c;
              if (catchUp) {
                catchUp();
              } else {
                goLive();
              }
            })
        .onFailure(this::fail);
  }

  @Override
  public void changes(List<DocumentVersion> versions, Cursor after) {
    cursor = after;
    write(format.changes(versions, pull.encode(tenant, after)));
  }

  @Override
  public String transport() {
    return "sse";
  }

  @Override
  public void missed() {
    resync();
  }

  @Override
  public void stopping() {
    if (closed) {
      return;
    }
    if (opened) {
      response.end();
      close();
    } else {
      fail(ApiError.unavailable("The server is stopping; reconnect.", 1));
    }
  }

  private void catchUp() {
    pull.pull(tenant, collections, cursor, pageSize)
        .onSuccess(
            page -> {
              if (closed) {
                return;
              }
              open();
              cursor = page.cursor();
              if (!page.versions().isEmpty()) {
                write(format.changes(page.versions(), pull.encode(tenant, cursor)));
              }
              if (closed) {
                return;
              }
              if (page.hasMore()) {
                catchUp();
              } else {
                goLive();
              }
            })
        .onFailure(this::fail);
  }

  private void goLive() {
    open();
    feed.goLive(cursor);
  }

  private void open() {
    if (opened) {
      return;
    }
    opened = true;
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    String greeting = format.greeting();
    response.write(greeting != null ? greeting : SseFrames.comment("connected"));
    heartbeatTimer =
        ctx.vertx().setPeriodic(heartbeatMs, id -> write(SseFrames.comment("heartbeat")));
  }

  private void write(String frame) {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      resync();
      return;
    }
    response.write(frame);
  }

  private void resync() {
    if (closed) {
      return;
    }
    open();
    response.write(format.resync());
    response.end();
    close();
  }

  private void fail(Throwable error) {
    if (closed) {
      return;
    }
    if (opened) {
      resync();
    } else {
      close();
      ctx.fail(error);
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    if (heartbeatTimer >= 0) {
      ctx.vertx().cancelTimer(heartbeatTimer);
    }
  }
}
