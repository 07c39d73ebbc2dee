package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant rate limits, on requests and on pushed changes: a tenant that floods an ingest
 * instance gets 429 with {@code Retry-After} and an error body, while another tenant's requests on
 * the same instance all go through, and nothing the flood had refused is written.
 */
class RateLimitIT extends StackPerClass {

  private static final int RATE = 5;
  private static final int BURST = 10;
  private static final int CHANGES_BURST = 50;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder
        .ingestSetting("rate.limit.tenant.requests.per.second", Integer.toString(RATE))
        .ingestSetting("rate.limit.tenant.burst", Integer.toString(BURST))
        .ingestSetting("rate.limit.tenant.changes.per.second", "1")
        .ingestSetting("rate.limit.tenant.changes.burst", Integer.toString(CHANGES_BURST))
        .ingestSetting("push.max.changes", Integer.toString(CHANGES_BURST));
  }

  @Test
  void shouldRefuseAWholePushOverItsTenantsChangesLimitAndWriteNoneOfIt() {
    ChangeFeedClient flood = stack.changeFeed(TestIds.tenant());
    ChangeFeedClient quiet = stack.changeFeed(TestIds.tenant());

    // Given a tenant that pushed 40 of its 50 changes, in one request
    assertThat(flood.push(changes(40, "a")).status()).isEqualTo(200);

    // When it pushes 40 more, well within its request limit
    ApiResponse refused = flood.push(changes(40, "b"));

    // Then the whole push is refused with 429 and Retry-After
    assertThat(refused.status()).as("%s", refused).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("rate_limited");
    assertThat(refused.header("Retry-After")).isPresent();
    // while another tenant pushes its own 40
    assertThat(quiet.push(changes(40, "q")).status()).isEqualTo(200);
    // and of the flood only the first push is written
    ApiResponse pulled = flood.pull(null, 1000);
    assertThat(pulled.status()).isEqualTo(200);
    assertThat(pulled.json().path("changes")).hasSize(40);
    assertThat(pulled.json().path("changes"))
        .allSatisfy(c -> assertThat(c.path("recordId").asText()).startsWith("a-"));
    // and the refusal is counted under the changes limit
    assertThat(refusals("changes")).isPositive();
  }

  /** The value of {@code tributary_rate_limited_requests_total} with {@code limit} as scraped. */
  private double refusals(String limit) {
    ApiResponse metrics = stack.api().get("/metrics", null);
    Matcher m =
        Pattern.compile(
                "^tributary_rate_limited_requests_total\\{limit=\"" + limit + "\",?} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics.body());
    assertThat(m.find()).as("series limit=%s in %s", limit, metrics.body()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static JsonNode[] changes(int n, String prefix) {
    JsonNode[] out = new com.fasterxml.jackson.databind.JsonNode[n];
    for (int i = 0; i < n; i++) {
      String id = prefix + "-" + i;
      out[i] = change(TestIds.changeId(), "create", "todos", id, doc(id, prefix));
    }
    return out;
  }

  @Test
  void shouldRefuseAFloodingTenantWith429WhileAnotherTenantGoesOn() throws Exception {
    ChangeFeedClient flood = stack.changeFeed(TestIds.tenant());
    ChangeFeedClient quiet = stack.changeFeed(TestIds.tenant());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      // When one tenant sends far more pushes at once than its burst allows
      long start = System.nanoTime();
      List<Future<ApiResponse>> flooding = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String id = "f-" + i;
        flooding.add(
            pool.submit(
                () -> flood.push(change(TestIds.changeId(), "create", "todos", id, doc(id, "f")))));
      }
      // while the other tenant pushes and pulls at a modest pace
      List<ApiResponse> quietAnswers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String id = "q-" + i;
        quietAnswers.add(
            quiet.push(change(TestIds.changeId(), "create", "todos", id, doc(id, "q"))));
        quietAnswers.add(quiet.pull(null, 10));
      }
      List<ApiResponse> floodAnswers = new ArrayList<>();
      for (Future<ApiResponse> f : flooding) {
        floodAnswers.add(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      // Then the flood is cut at about its burst, with 429, Retry-After and an error body
      List<ApiResponse> refused = floodAnswers.stream().filter(r -> r.status() == 429).toList();
      List<ApiResponse> passed = floodAnswers.stream().filter(r -> r.status() == 200).toList();
      assertThat(refused).isNotEmpty();
      assertThat(passed.size() + refused.size()).isEqualTo(floodAnswers.size());
      // (the burst, plus what the rate refilled while the flood ran)
      assertThat(passed.size()).isBetween(BURST, BURST + (int) Math.ceil(RATE * seconds) + 1);
      assertThat(refused)
          .allSatisfy(
              r -> {
                assertThat(r.errorCode()).isEqualTo("rate_limited");
                assertThat(r.header("Retry-After")).isPresent();
              });
      // and the other tenant never noticed
      assertThat(quietAnswers).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(200));

      // and only what was let through is written
      ApiResponse floodPull =
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> flood.pull(null, 1000), r -> r.status() == 200);
      assertThat(floodPull.json().path("changes")).hasSize(passed.size());

      // and the refusals are counted under the requests limit
      assertThat(refusals("requests")).isPositive();
    } finally {
      pool.shutdownNow();
    }
  }
}
