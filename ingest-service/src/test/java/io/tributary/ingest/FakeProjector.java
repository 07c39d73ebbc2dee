package io.tributary.ingest;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.query.PartitionOwners;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A projector query endpoint that owns every partition and answers scans with a function. */
public final class FakeProjector implements AutoCloseable {

  public final List<ScanRequest> scans = new CopyOnWriteArrayList<>();
  public final AtomicInteger ownerRequests = new AtomicInteger();
  private volatile long scanDelayMs;
  private final HttpServer server;
  private volatile Function<ScanRequest, ScanResponse> answer;

  public FakeProjector(Vertx vertx, int partitions, Function<ScanRequest, ScanResponse> answer)
      throws Exception {
    this.answer = answer;
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.path().equals("/internal/v1/owners")) {
                    ownerRequests.incrementAndGet();
                    Map<Integer, String> owners = new java.util.HashMap<>();
                    for (int p = 0; p < partitions; p++) {
                      owners.put(p, endpoint());
                    }
                    req.response().end(json(new PartitionOwners(partitions, owners)));
                  } else if (req.path().equals("/internal/v1/scan")) {
                    req.body()
                        .onSuccess(
                            body -> {
                              try {
                                ScanRequest scan =
                                    Json.mapper().readValue(body.getBytes(), ScanRequest.class);
                                scans.add(scan);
                                Buffer answerBody = json(this.answer.apply(scan));
                                if (scanDelayMs > 0) {
                                  vertx.setTimer(scanDelayMs, id -> req.response().end(answerBody));
                                } else {
                                  req.response().end(answerBody);
                                }
                              } catch (Exception e) {
                                req.response().setStatusCode(500).end();
                              }
                            });
                  } else {
                    req.response().setStatusCode(404).end();
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** Delays every scan answer, to keep a live stream in its catch-up. */
  public void delayScans(long millis) {
    this.scanDelayMs = millis;
  }

  public void answer(Function<ScanRequest, ScanResponse> newAnswer) {
    this.answer = newAnswer;
  }

  public String endpoint() {
    return "127.0.0.1:" + server.actualPort();
  }

  private static Buffer json(Object value) {
    try {
      return Buffer.buffer(Json.mapper().writeValueAsBytes(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close()
      throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
