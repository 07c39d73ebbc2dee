package io.tributary.ingest.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connection of {@code /v1/sync/ws} for the fuzzer: every text frame received, and the close
 * code as soon as the server's close frame arrives (the JDK client reports it then, not when the
 * TCP connection ends).
 */
final class FuzzSocket implements AutoCloseable {

  /** The close status the server sent; 1006 when the connection dropped without a close frame. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();

  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final WebSocket ws;

  FuzzSocket(HttpClient client, int port, long timeoutMs) throws Exception {
    ws =
        client
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/sync/ws"), new Listener())
            .get(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends the frames in order, each after the previous one was written; stops when the server
   * closed the connection midway, which is what the fuzzer wants to see.
   */
  void send(List<FrameInputs.Frame> frames, long timeoutMs) throws Exception {
    for (FrameInputs.Frame f : frames) {
      if (closed.isDone()) {
        return;
      }
      CompletableFuture<WebSocket> sent =
          f.binary()
              ? ws.sendBinary(ByteBuffer.wrap(f.bytes()), true)
              : ws.sendText(new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8), true);
      try {
        sent.get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        return; // the connection is closing
      }
    }
  }

  @Override
  public void close() {
    ws.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      received.add("binary frame");
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(1006);
    }
  }
}
