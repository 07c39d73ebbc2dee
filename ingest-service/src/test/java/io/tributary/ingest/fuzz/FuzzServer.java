package io.tributary.ingest.fuzz;

import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.admin.AdminHandlers;
import io.tributary.ingest.admin.TenantAdmin;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.http.HttpApi;
import io.tributary.ingest.pull.ProjectorClient;
import io.tributary.ingest.push.PendingOutcomes;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The API under fuzz: the real router and handlers ({@link ApiHarness}) with the admin routes,
 * strict-free collections of which {@code typed} has a JSON Schema and {@code stamped} a server
 * timestamp field, a {@link FuzzProjector} for queries, and a projector function that accepts every
 * change except record ids {@code conflict} and {@code rejected}. Admin history has no Kafka to
 * read: a valid lookup is answered 503 (the changes log cannot be read), which the fuzzer accepts.
 */
final class FuzzServer implements AutoCloseable {

  /**
   * The record id the projector refuses (answered {@code rejected}, code {@code schema_mismatch}).
   */
  static final String REFUSED_BY_PROJECTOR = "rejected";

  final Vertx vertx = Vertx.vertx();
  final FuzzProjector projector;
  final ApiHarness api;

  FuzzServer() throws Exception {
    this(List.of(), TenantRateLimits.OFF);
  }

  /**
   * @param corsOrigins the server's {@code http.cors.allowed.origins} (empty: CORS off)
   * @param limits the server's per-tenant rate limits
   */
  FuzzServer(List<String> corsOrigins, TenantRateLimits limits) throws Exception {
    projector = new FuzzProjector(vertx);
    PendingOutcomes evictions = new PendingOutcomes();
    TenantAdmin admin =
        new TenantAdmin(
            new ProjectorClient(vertx.createHttpClient(), List.of(projector.endpoint())),
            records -> {
              records.forEach(r -> evictions.complete(accepted(r, String.valueOf(r.generation()))));
              return CompletableFuture.completedFuture(null);
            },
            evictions,
            HybridLogicalClock.system(),
            ApiHarness.REPLY_PARTITION,
            2_000,
            Map.of(),
            "fuzz.",
            "fuzz-ingest",
            vertx.createSharedWorkerExecutor("fuzz-admin-history", TenantAdmin.MAX_HISTORY_LOOKUPS),
            1_000);
    AdminHandlers handlers = new AdminHandlers(admin);
    api =
        new ApiHarness(
            vertx,
            projector.endpoint(),
            5_000,
            FuzzServer::project,
            corsOrigins,
            Map.of(
                "collection.typed.schema",
                schemaFile().toString(),
                "collection.stamped.timestamp.field",
                "updatedAt"),
            new HttpApi.AdminRoutes(handlers.evict(), handlers.stats(), handlers.history()),
            limits);
  }

  private static java.nio.file.Path schemaFile() throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("fuzz-typed", ".json");
    file.toFile().deleteOnExit();
    return java.nio.file.Files.writeString(
        file,
        "{\"type\":\"object\",\"required\":[\"title\"],"
            + "\"properties\":{\"title\":{\"type\":\"string\",\"maxLength\":20}}}");
  }

  private static Outcome accepted(ChangeRecord r, String rev) {
    return new Outcome(
        r.correlationId(), r.changeId(), Outcome.Status.ACCEPTED, rev, r.hlc(), null, null, null);
  }

  /** Acts as the projector: record ids {@code conflict} and {@code rejected} say what happens. */
  private static Outcome project(ChangeRecord r) {
    return switch (r.recordId()) {
      case "conflict" ->
          new Outcome(
              r.correlationId(),
              r.changeId(),
              Outcome.Status.CONFLICT,
              null,
              r.hlc(),
              new DocumentVersion(
                  r.tenant(),
                  r.collection(),
                  r.recordId(),
                  Json.mapper().createObjectNode().put("id", "conflict").put("title", "theirs"),
                  false,
                  Revisions.of(1, 7),
                  1,
                  7,
                  r.hlc() - 1,
                  r.lwwTime() - 1,
                  "earlier"),
              null,
              null);
      case REFUSED_BY_PROJECTOR ->
          new Outcome(
              r.correlationId(),
              r.changeId(),
              Outcome.Status.REJECTED,
              null,
              r.hlc(),
              null,
              "schema_mismatch",
              "no");
      default -> accepted(r, Revisions.of(0, 42));
    };
  }

  @Override
  public void close() throws Exception {
    api.close();
    projector.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
