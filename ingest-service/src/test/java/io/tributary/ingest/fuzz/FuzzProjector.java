package io.tributary.ingest.fuzz;

import io.tributary.ingest.ScanFixtures;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.query.OutcomeLookup;
import io.tributary.protocol.query.PartitionOwners;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.TenantStats;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The projector's query API for the fuzzer: owns both partitions, answers scans with {@link
 * ScanFixtures#twoPartitions}, tenant stats with generation 0 and no documents, and outcome lookups
 * with none. Whatever the API tier sends it must be well formed: a request it cannot read is
 * answered 500, which the API tier then reports as 503 (and the fuzzer sees).
 */
final class FuzzProjector implements AutoCloseable {

  private static final int PARTITIONS = 2;
  private final HttpServer server;

  FuzzProjector(Vertx vertx) throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::answer)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  String endpoint() {
    return "127.0.0.1:" + server.actualPort();
  }

  private void answer(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              try {
                Object answer =
                    switch (req.path()) {
                      case "/internal/v1/owners" -> owners();
                      case "/internal/v1/scan" ->
                          ScanFixtures.twoPartitions(
                              Json.mapper().readValue(body.getBytes(), ScanRequest.class));
                      case "/internal/v1/tenant" -> stats();
                      case "/internal/v1/outcomes" -> new OutcomeLookup.Answer(Map.of());
                      default -> null;
                    };
                if (answer == null) {
                  req.response().setStatusCode(404).end();
                } else {
                  req.response().end(Buffer.buffer(Json.mapper().writeValueAsBytes(answer)));
                }
              } catch (Exception e) {
                req.response().setStatusCode(500).end();
              }
            });
  }

  private PartitionOwners owners() {
    Map<Integer, String> owners = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      owners.put(p, endpoint());
    }
    return new PartitionOwners(PARTITIONS, owners);
  }

  private static TenantStats stats() {
    Map<Integer, TenantStats.PartitionStats> partitions = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      partitions.put(p, new TenantStats.PartitionStats(0, Map.of()));
    }
    return new TenantStats(partitions);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
