package io.tributary.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.Tokens;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.protocol.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The per-tenant rate limit under generated bursts of valid requests of every rate-limited HTTP
 * endpoint (issue 6, "Security"): each try uses two fresh tenants on a server whose limit is a
 * burst of {@value #BURST} and {@value #PER_SECOND} per second. The busy tenant's requests are each
 * answered 200, or 429 {@code rate_limited} with a {@code Retry-After} of whole seconds; its first
 * {@value #BURST} are never refused, no more pass than the bucket holds, and a refused push writes
 * nothing. The quiet tenant, sending fewer than its burst in between, is never refused.
 */
class RateLimitFuzzTest {

  static final int BURST = 3;
  static final double PER_SECOND = 0.5;

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static FuzzServer server;
  private static RawHttp http;

  @BeforeContainer
  static void start() throws Exception {
    server =
        new FuzzServer(
            List.of(), new TenantRateLimits(PER_SECOND, BURST, System::nanoTime, () -> {}));
    http = new RawHttp(server.api.port(), EndpointFuzzTest.TIMEOUT_MS);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** A valid request: method, target, body (null for none). */
  record Call(String method, String target, String body) {
    @Override
    public String toString() {
      return method + " " + target + (body == null ? "" : " " + body);
    }
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void everyAnswerIs200Or429WithRetryAfter(
      @ForAll("bursts") List<Call> busy, @ForAll("quiet") List<Call> quiet) throws Exception {
    String busyTenant = "limited-" + TENANTS.incrementAndGet();
    String quietTenant = "quiet-" + TENANTS.incrementAndGet();
    long start = System.nanoTime();
    int passed = 0;
    for (int i = 0; i < busy.size(); i++) {
      int before = server.api.produced.size();
      RawHttp.Response r = send(busyTenant, busy.get(i));
      if (r.status() == 429) {
        assertThat(i).as("requests before the first 429").isGreaterThanOrEqualTo(BURST);
        assertThat(r.header("retry-after")).as("Retry-After").matches("[1-9][0-9]*");
        Checks.protocolAnswer(r, false);
        assertThat(Json.mapper().readTree(r.body()).at("/error/code").asText())
            .isEqualTo("rate_limited");
        assertThat(server.api.produced.size()).as("changes written by a 429").isEqualTo(before);
      } else {
        assertThat(r.status()).as("status of %s: %s", busy.get(i), r.text()).isEqualTo(200);
        passed++;
      }
      if (i < quiet.size()) {
        RawHttp.Response q = send(quietTenant, quiet.get(i));
        assertThat(q.status())
            .as("the quiet tenant's %s: %s", quiet.get(i), q.text())
            .isEqualTo(200);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(passed)
        .as("requests let through in %.2f s", seconds)
        .isLessThanOrEqualTo(BURST + (int) Math.floor(seconds * PER_SECOND));
  }

  // ---- generators

  @Provide
  Arbitrary<List<Call>> bursts() {
    return call().list().ofMinSize(BURST).ofMaxSize(4 * BURST);
  }

  @Provide
  Arbitrary<List<Call>> quiet() {
    return call().list().ofMaxSize(BURST - 1);
  }

  /** A valid request of an endpoint that takes one request of the tenant's allowance. */
  static Arbitrary<Call> call() {
    Arbitrary<String> recordId = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> changeId =
        Arbitraries.integers().between(0, 1_000_000_000).map(n -> "c-" + n);
    Arbitrary<Call> syncPush =
        Combinators.combine(changeId, recordId, Arbitraries.of("create", "update", "delete"))
            .as(
                (id, record, type) ->
                    new Call(
                        "POST",
                        "/v1/sync/push",
                        "{\"changes\":[{\"id\":\""
                            + id
                            + "\",\"collection\":\"todos\",\"recordId\":\""
                            + record
                            + "\",\"type\":\""
                            + type
                            + "\",\"data\":{\"title\":\"t\"}}]}"));
    Arbitrary<Call> rxdbPush =
        recordId.map(
            record ->
                new Call(
                    "POST",
                    "/v1/rxdb/todos/push",
                    "[{\"assumedMasterState\":null,\"newDocumentState\":{\"id\":\""
                        + record
                        + "\",\"title\":\"t\"}}]"));
    Arbitrary<Call> reads =
        Arbitraries.of(
            new Call("GET", "/v1/sync/pull?batchSize=10", null),
            new Call("POST", "/v1/sync/pull", "{\"collections\":[\"todos\"]}"),
            new Call("GET", "/v1/sync/stream", null),
            new Call("GET", "/v1/rxdb/todos/pull?limit=5", null),
            new Call("GET", "/v1/rxdb/todos/pullStream", null),
            new Call("GET", "/v1/admin/stats", null));
    return Arbitraries.oneOf(syncPush, rxdbPush, reads);
  }

  // ---- plumbing

  private static RawHttp.Response send(String tenant, Call call) throws Exception {
    List<byte[]> headers = new ArrayList<>();
    headers.add(
        ("Authorization: Bearer " + Tokens.token(tenant, "sync:read sync:write admin"))
            .getBytes(StandardCharsets.UTF_8));
    byte[] body = null;
    if (call.body() != null) {
      headers.add("Content-Type: application/json".getBytes(StandardCharsets.UTF_8));
      body = call.body().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return http.send(
          call.method(), call.target().getBytes(StandardCharsets.UTF_8), headers, body);
    } catch (RawHttp.Hang e) {
      throw new AssertionError("hang: " + call + ": " + e.getMessage(), e);
    }
  }
}
