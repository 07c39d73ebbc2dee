package io.tributary.ingest.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test client of {@code /v1/sync/ws}: keeps every frame received and the close status. */
public final class SocketClient implements AutoCloseable {

  public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final WebSocketClient client;
  private final WebSocket ws;
  private volatile Short closeCode;
  private volatile String closeReason;

  public SocketClient(Vertx vertx, int port) throws Exception {
    client = vertx.createWebSocketClient();
    ws =
        client
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/v1/sync/ws"))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ws.textMessageHandler(
        text -> {
          try {
            frames.add(Json.mapper().readTree(text));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    ws.closeHandler(
        v -> {
          closeReason = ws.closeReason();
          closeCode = ws.closeStatusCode();
        });
  }

  public void send(String text) throws Exception {
    ws.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public void auth(String token) throws Exception {
    send("{\"type\":\"auth\",\"payload\":{\"authorization\":\"Bearer " + token + "\"}}");
  }

  /** The frames of a type, in arrival order. */
  public List<JsonNode> ofType(String type) {
    return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
  }

  /** Stops reading: the server's writes back up. */
  public void pause() {
    ws.pause();
  }

  public void resume() {
    ws.resume();
  }

  public boolean isClosed() {
    return closeCode != null;
  }

  public Short closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  @Override
  public void close() throws Exception {
    if (!ws.isClosed()) {
      ws.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
