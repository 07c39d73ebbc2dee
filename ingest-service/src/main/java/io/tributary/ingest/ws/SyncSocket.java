package io.tributary.ingest.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.auth.VerifiedToken;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.live.LiveFeed;
import io.tributary.ingest.live.LiveSink;
import io.tributary.ingest.live.SubscriberRegistry;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.sync.SyncPullFlow;
import io.tributary.ingest.sync.SyncPushFlow;
import io.tributary.ingest.sync.SyncViews;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of {@code /v1/sync/ws}. The first frame must be {@code auth}; then {@code push}
 * and {@code pull} frames are answered with {@code push_result} / {@code pull_result} (the same
 * JSON as over HTTP) or {@code error}, each with the frame's requestId. The first successful pull
 * starts a {@link LiveFeed} from that pull's cursor and collections: its live versions go out as
 * {@code server_push} frames. A bad frame after auth gets an error frame and the connection stays
 * open; before auth, and when the token expires, the connection is closed with 1008.
 *
 * <p>All state is touched on the connection's Vert.x context only; nothing here blocks.
 */
final class SyncSocket implements LiveSink {

  private static final Logger log = LoggerFactory.getLogger(SyncSocket.class);

  /** Close codes (RFC 6455 section 7.4.1). */
  static final short GOING_AWAY = 1001;

  static final short POLICY_VIOLATION = 1008;
  static final short MESSAGE_TOO_BIG = 1009;
  static final short INTERNAL_ERROR = 1011;
  static final short TRY_AGAIN_LATER = 1013;

  /** Push and pull frames answered concurrently; beyond, the connection stops reading. */
  static final int MAX_IN_FLIGHT = 16;

  /** How long a client may take to send its auth frame. */
  static final long AUTH_TIMEOUT_MS = 10_000;

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final Context context;
  private final TokenVerifier verifier;
  private final SyncPushFlow pushFlow;
  private final SyncPullFlow pullFlow;
  private final SubscriberRegistry registry;
  private final long heartbeatMs;
  private final long maxFrameBytes;
  private final TenantRateLimits limits;
  private final IngestMetrics metrics;

  private Principal principal;
  private LiveFeed feed;
  private boolean closed;
  private int inFlight;
  private long authTimer = -1;
  private long expiryTimer = -1;
  private long heartbeatTimer = -1;

  SyncSocket(ServerWebSocket ws, Vertx vertx, SocketServices services) {
    this.ws = ws;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.verifier = services.verifier();
    this.pushFlow = services.push();
    this.pullFlow = services.pull();
    this.registry = services.registry();
    this.limits = services.limits();
    this.metrics = services.metrics();
    this.heartbeatMs = services.heartbeatMs();
    this.maxFrameBytes = services.maxFrameBytes();
  }

  /** Installs the handlers and the auth deadline. Call on the connection's context. */
  void start() {
    ws.textMessageHandler(
        text -> {
          if (fits(text)) {
            onFrame(text);
          }
        });
    ws.binaryMessageHandler(
        bytes -> {
          if (fits(bytes.length())) {
            onFrame(bytes.toString(StandardCharsets.UTF_8));
          }
        });
    ws.closeHandler(v -> release());
    ws.exceptionHandler(this::lost);
    authTimer =
        vertx.setTimer(
            AUTH_TIMEOUT_MS,
            id -> close(POLICY_VIOLATION, "No auth frame in time; send auth first."));
    heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> ping());
  }

  private boolean fits(String text) {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: count exactly only when needed.
    return text.length() <= maxFrameBytes / 3 || fits(text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** Whether a frame of {@code bytes} is within the limit; if not, says so and closes. */
  private boolean fits(long bytes) {
    if (bytes <= maxFrameBytes) {
      return true;
    }
    ApiError tooLarge =
        ApiError.payloadTooLarge(
            "Frames are limited to " + maxFrameBytes + " bytes; push fewer changes at a time.");
    send(SocketFrames.error(null, tooLarge));
    close(MESSAGE_TOO_BIG, tooLarge.getMessage());
    return false;
  }

  private void onFrame(String text) {
    if (closed) {
      return;
    }
    SocketFrames.Incoming frame;
    try {
      frame = SocketFrames.parse(text);
    } catch (ApiError e) {
      refuse(null, e);
      return;
    }
    try {
      dispatch(frame);
    } catch (ApiError e) {
      refuse(frame.requestId(), e);
    } catch (RuntimeException e) {
      fail(frame.requestId(), e);
    }
  }

  private void dispatch(SocketFrames.Incoming frame) {
    String type = frame.type();
    if (principal == null) {
      if (!SocketFrames.AUTH.equals(type)) {
        throw ApiError.unauthorized("Send an auth frame first, with your headers as payload.");
      }
      authenticate(frame);
      return;
    }
    if (type == null) {
      throw invalidFrame("The frame has no string type; use push or pull.");
    }
    switch (type) {
      case SocketFrames.PUSH, SocketFrames.PULL -> request(frame);
      case SocketFrames.AUTH ->
          throw new ApiError(
              400, "already_authenticated", "This connection is authenticated already.");
      default -> throw invalidFrame("Unknown frame type " + shorten(type) + "; use push or pull.");
    }
  }

  private void authenticate(SocketFrames.Incoming frame) {
    VerifiedToken token = SocketAuth.verify(frame.payload(), verifier);
    principal = token.principal();
    vertx.cancelTimer(authTimer);
    long untilExpiry = Math.max(1, token.expiresAt().toEpochMilli() - Instant.now().toEpochMilli());
    expiryTimer =
        vertx.setTimer(
            untilExpiry,
            id -> close(POLICY_VIOLATION, "The token expired; reconnect with a fresh token."));
  }

  /**
   * A push or pull frame: takes one request of the tenant's allowance and is counted like the same
   * request over HTTP, with the status it would get there, from its arrival to its answer.
   */
  private void request(SocketFrames.Incoming frame) {
    boolean isPush = SocketFrames.PUSH.equals(frame.type());
    long start = System.nanoTime();
    Future<?> answered;
    try {
      limits.acquire(principal.tenant());
      answered = isPush ? push(frame) : pull(frame);
    } catch (RuntimeException e) {
      count(isPush, e, start);
      throw e;
    }
    answered.onComplete(done -> count(isPush, done.cause(), start));
  }

  private void count(boolean isPush, Throwable failure, long start) {
    long nanos = System.nanoTime() - start;
    if (isPush) {
      int status = failure == null ? 200 : failure instanceof ApiError api ? api.status() : 500;
      metrics.pushRequest(IngestMetrics.SYNC, IngestMetrics.WEBSOCKET, status, nanos);
    } else {
      metrics.pull(IngestMetrics.SYNC, IngestMetrics.WEBSOCKET, nanos);
    }
  }

  private Future<?> push(SocketFrames.Incoming frame) {
    JsonNode requestId = frame.requestId();
    return track(pushFlow.push(principal, frame.payload(), context))
        .onSuccess(answer -> send(SocketFrames.frame(SocketFrames.PUSH_RESULT, requestId, answer)))
        .onFailure(e -> answerFailure(requestId, e));
  }

  private Future<?> pull(SocketFrames.Incoming frame) {
    JsonNode requestId = frame.requestId();
    SyncPullFlow.Query query = pullFlow.query(principal, SyncPullFlow.request(frame.payload()));
    // The first pull starts the live feed: registered before the scan so no version written
    // after the scan's watermarks is missed, live from the cursor the pull reaches.
    LiveFeed started = null;
    if (feed == null) {
      started = new LiveFeed(context, query.tenant(), query.collections(), registry, this);
      started.register();
      feed = started;
    }
    LiveFeed owned = started;
    return track(pullFlow.pull(query))
        .onSuccess(
            result -> {
              metrics.documentsServed(IngestMetrics.SYNC, result.page().versions().size());
              send(SocketFrames.frame(SocketFrames.PULL_RESULT, requestId, result.answer()));
              if (owned != null && feed == owned) {
                owned.goLive(result.page().cursor());
              }
            })
        .onFailure(
            e -> {
              if (owned != null && feed == owned) {
                owned.close();
                feed = null;
              }
              answerFailure(requestId, e);
            });
  }

  /**
   * Counts a request in flight; at {@link #MAX_IN_FLIGHT} the connection stops reading frames until
   * one completes, so a client cannot pile up unbounded work.
   */
  private <T> Future<T> track(Future<T> request) {
    inFlight++;
    if (inFlight == MAX_IN_FLIGHT) {
      ws.pause();
    }
    return request.onComplete(
        done -> {
          inFlight--;
          if (inFlight == MAX_IN_FLIGHT - 1 && !closed) {
            ws.resume();
          }
        });
  }

  @Override
  public void changes(List<DocumentVersion> versions, Cursor cursor) {
    send(SocketFrames.frame(SocketFrames.SERVER_PUSH, null, SyncViews.changes(versions)));
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public void missed() {
    close(TRY_AGAIN_LATER, "Live changes were missed; reconnect and pull from your cursor.");
  }

  @Override
  public void tenantReset() {
    send(SocketFrames.error(null, ApiError.tenantReset()));
    close(TRY_AGAIN_LATER, "The tenant was reset; pull from scratch.");
  }

  @Override
  public void stopping() {
    close(GOING_AWAY, "The server is stopping; reconnect.");
  }

  private void answerFailure(JsonNode requestId, Throwable error) {
    if (error instanceof ApiError api) {
      send(SocketFrames.error(requestId, api));
    } else {
      fail(requestId, error);
    }
  }

  /** Answers a client mistake: an error frame; before auth, also the end of the connection. */
  private void refuse(JsonNode requestId, ApiError error) {
    send(SocketFrames.error(requestId, error));
    if (principal == null) {
      close(POLICY_VIOLATION, error.getMessage());
    }
  }

  private void fail(JsonNode requestId, Throwable error) {
    log.error("Internal error on a WebSocket frame", error);
    ApiError internal = new ApiError(500, "internal", "The server failed; try again later.");
    send(SocketFrames.error(requestId, internal));
    if (principal == null) {
      close(INTERNAL_ERROR, internal.getMessage());
    }
  }

  private void send(String frame) {
    if (closed) {
      return;
    }
    if (ws.writeQueueFull()) {
      close(TRY_AGAIN_LATER, "The client reads too slowly; reconnect and pull from your cursor.");
      return;
    }
    ws.writeTextMessage(frame).onFailure(this::lost);
  }

  private void ping() {
    if (!closed && !ws.writeQueueFull()) {
      ws.writePing(Buffer.buffer()).onFailure(this::lost);
    }
  }

  /** The connection failed (a write, the transport): end the session and the connection. */
  private void lost(Throwable error) {
    if (closed) {
      return;
    }
    log.debug("WebSocket connection failed: {}", error.toString());
    release();
    if (!ws.isClosed()) {
      ws.close(INTERNAL_ERROR, "The connection failed; reconnect.");
    }
  }

  private void close(short code, String reason) {
    if (closed) {
      return;
    }
    release();
    ws.close(code, SocketFrames.closeReason(reason));
  }

  /** Ends the live feed and the timers; idempotent. */
  private void release() {
    if (closed) {
      return;
    }
    closed = true;
    if (feed != null) {
      feed.close();
      feed = null;
    }
    vertx.cancelTimer(authTimer);
    vertx.cancelTimer(expiryTimer);
    vertx.cancelTimer(heartbeatTimer);
  }

  private static ApiError invalidFrame(String message) {
    return new ApiError(400, "invalid_frame", message);
  }

  private static String shorten(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }
}
