package io.tributary.ingest.pull;

import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.query.OutcomeLookup;
import io.tributary.protocol.query.PartitionOwners;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.tributary.protocol.query.TenantStats;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the projector instances that own the {@code changes} partitions for a tenant's versions.
 * Caches {@link PartitionOwners} (learnt from any seed endpoint) and refreshes it on a miss or an
 * error. Non-blocking: every call returns a Vert.x future completed on the client's context.
 */
public final class ProjectorClient {

  private static final Logger log = LoggerFactory.getLogger(ProjectorClient.class);
  private static final long REQUEST_TIMEOUT_MS = 10_000;

  private final HttpClient http;
  private final List<String> seeds;
  private volatile PartitionOwners owners;

  /**
   * @param seeds {@code host:port} of projector query endpoints, tried in order
   */
  public ProjectorClient(HttpClient http, List<String> seeds) {
    this.http = http;
    this.seeds = List.copyOf(seeds);
  }

  /**
   * Scans every partition of {@code changes} for {@code tenant} after {@code cursor}.
   *
   * @param limit versions per partition at most; 0 asks only for the watermarks
   * @return a slice for every partition; fails with 503 {@link ApiError} when one cannot be served
   */
  public Future<Map<Integer, PartitionSlice>> scan(
      String tenant, List<String> collections, Cursor cursor, int limit) {
    PartitionOwners cached = owners;
    Future<PartitionOwners> known = cached != null ? Future.succeededFuture(cached) : refresh();
    return known
        .compose(o -> scanWith(o, tenant, collections, cursor, limit))
        .recover(
            first -> {
              if (cached == null || first instanceof ApiError e && e.status() != 503) {
                return Future.failedFuture(first);
              }
              // The cached owners may be stale (a rebalance): learn them again and retry once.
              return refresh().compose(o -> scanWith(o, tenant, collections, cursor, limit));
            });
  }

  private Future<Map<Integer, PartitionSlice>> scanWith(
      PartitionOwners known, String tenant, List<String> collections, Cursor cursor, int limit) {
    if (known.partitions() <= 0) {
      owners = null;
      return Future.failedFuture(notReady("no partition of the changes topic is served yet"));
    }
    Map<String, Map<Integer, Long>> byOwner = new HashMap<>();
    for (int p = 0; p < known.partitions(); p++) {
      String owner = known.owners().get(p);
      if (owner == null) {
        owners = null;
        return Future.failedFuture(notReady("partition " + p + " has no owner now"));
      }
      byOwner.computeIfAbsent(owner, o -> new TreeMap<>()).put(p, cursor.position(p));
    }
    List<Future<ScanResponse>> answers = new ArrayList<>();
    byOwner.forEach(
        (owner, after) ->
            answers.add(
                post(
                    owner,
                    "/internal/v1/scan",
                    new ScanRequest(tenant, collections, after, limit),
                    ScanResponse.class)));
    return Future.all(answers)
        .transform(
            done -> {
              if (done.failed()) {
                owners = null;
                log.warn("A projector scan failed: {}", done.cause().toString());
                return Future.failedFuture(notReady("a projector instance did not answer"));
              }
              Map<Integer, PartitionSlice> slices = new TreeMap<>();
              for (Future<ScanResponse> answer : answers) {
                if (answer.result().partitions() != null) {
                  slices.putAll(answer.result().partitions());
                }
              }
              for (int p = 0; p < known.partitions(); p++) {
                if (!slices.containsKey(p)) {
                  owners = null;
                  return Future.failedFuture(notReady("partition " + p + " is in transition"));
                }
              }
              slices.keySet().removeIf(p -> p >= known.partitions());
              return Future.succeededFuture(slices);
            });
  }

  /** The partition owners, from the cache or learnt again. */
  public Future<PartitionOwners> owners() {
    PartitionOwners cached = owners;
    return cached != null ? Future.succeededFuture(cached) : refresh();
  }

  /**
   * A tenant's generation and counts in every partition, asked of each partition's owner.
   *
   * @return partition → stats for every partition; fails with 503 {@link ApiError} when one cannot
   *     be served
   */
  public Future<Map<Integer, TenantStats.PartitionStats>> tenantStats(String tenant) {
    return refresh()
        .compose(
            known -> {
              Map<String, List<Integer>> byOwner = new HashMap<>();
              for (int p = 0; p < known.partitions(); p++) {
                String owner = known.owners().get(p);
                if (owner == null) {
                  owners = null;
                  return Future.failedFuture(notReady("partition " + p + " has no owner now"));
                }
                byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(p);
              }
              List<Future<TenantStats>> answers = new ArrayList<>();
              byOwner.forEach(
                  (owner, partitions) ->
                      answers.add(
                          get(
                              owner,
                              "/internal/v1/tenant?tenant="
                                  + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                                  + "&partitions="
                                  + partitions.stream()
                                      .map(String::valueOf)
                                      .collect(Collectors.joining(",")),
                              TenantStats.class)));
              return Future.all(answers)
                  .transform(
                      done -> {
                        if (done.failed()) {
                          owners = null;
                          return Future.failedFuture(
                              notReady("a projector instance did not answer"));
                        }
                        Map<Integer, TenantStats.PartitionStats> all = new TreeMap<>();
                        answers.forEach(a -> all.putAll(a.result().partitions()));
                        for (int p = 0; p < known.partitions(); p++) {
                          if (!all.containsKey(p)) {
                            owners = null;
                            return Future.failedFuture(
                                notReady("partition " + p + " is in transition"));
                          }
                        }
                        return Future.succeededFuture(all);
                      });
            });
  }

  /**
   * The first outcomes of some change ids of a tenant in one partition.
   *
   * @return fails with 503 {@link ApiError} when the partition's owner cannot answer now
   */
  public Future<OutcomeLookup.Answer> outcomes(
      String tenant, int partition, List<String> changeIds) {
    return owners()
        .compose(
            known -> {
              String owner = known.owners().get(partition);
              if (owner == null) {
                owners = null;
                return Future.failedFuture(
                    notReady("partition " + partition + " has no owner now"));
              }
              return this.<OutcomeLookup.Answer>post(
                      owner,
                      "/internal/v1/outcomes",
                      new OutcomeLookup(tenant, partition, changeIds),
                      OutcomeLookup.Answer.class)
                  .recover(
                      e -> {
                        owners = null;
                        return Future.failedFuture(
                            notReady("the owner of partition " + partition + " did not answer"));
                      });
            });
  }

  /** Learns the partition owners from the first seed that answers. */
  private Future<PartitionOwners> refresh() {
    Future<PartitionOwners> attempt = Future.failedFuture(notReady("no projector endpoint"));
    for (String seed : seeds) {
      attempt = attempt.recover(e -> get(seed, "/internal/v1/owners", PartitionOwners.class));
    }
    return attempt
        .onSuccess(o -> owners = o)
        .recover(
            e -> {
              log.warn("No projector endpoint answered for partition owners: {}", e.toString());
              return Future.failedFuture(notReady("no projector endpoint answered"));
            });
  }

  private <T> Future<T> post(String hostPort, String path, Object body, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Json.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return call(HttpMethod.POST, hostPort, path, Buffer.buffer(bytes), type);
  }

  private <T> Future<T> get(String hostPort, String path, Class<T> type) {
    return call(HttpMethod.GET, hostPort, path, null, type);
  }

  private <T> Future<T> call(
      HttpMethod method, String hostPort, String path, Buffer body, Class<T> type) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI("http://" + hostPort + path)
            .setTimeout(REQUEST_TIMEOUT_MS)
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "application/json");
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(
            resp ->
                resp.statusCode() == 200
                    ? resp.body()
                    : resp.body()
                        .transform(
                            ignored ->
                                Future.failedFuture(
                                    new IOException(
                                        hostPort + path + " answered " + resp.statusCode()))))
        .compose(
            buf -> {
              try {
                return Future.succeededFuture(Json.mapper().readValue(buf.getBytes(), type));
              } catch (IOException e) {
                return Future.failedFuture(e);
              }
            });
  }

  private static ApiError notReady(String why) {
    return ApiError.unavailable(
        "Some data is moving between servers (" + why + "); retry in a second.", 1);
  }
}
