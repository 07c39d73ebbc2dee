package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.ApiHarness;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsTest {

  private static final String APP = "https://app.example.com";

  private static Vertx vertx;
  private static ApiHarness withCors;
  private static ApiHarness anyOrigin;
  private static ApiHarness withoutCors;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    withCors = new ApiHarness(vertx, "127.0.0.1:9", 1_000, r -> null, List.of(APP));
    anyOrigin = new ApiHarness(vertx, "127.0.0.1:9", 1_000, r -> null, List.of("*"));
    withoutCors = new ApiHarness(vertx, "127.0.0.1:9", 1_000, r -> null);
  }

  @AfterAll
  static void stop() throws Exception {
    withCors.close();
    anyOrigin.close();
    withoutCors.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static HttpResponse<String> preflight(ApiHarness api, String origin) throws Exception {
    HttpRequest request =
        api.request("/v1/sync/push")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers", "authorization,content-type,tributary-protocol")
            .build();
    return api.send(request);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }

  @Test
  void shouldAllowThePreflightOfAConfiguredOrigin() throws Exception {
    // When
    HttpResponse<String> response = preflight(withCors, APP);

    // Then
    assertThat(response.statusCode()).isBetween(200, 204);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(header(response, "Access-Control-Allow-Methods")).contains("POST").contains("GET");
    assertThat(header(response, "Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization")
        .contains("content-type")
        .contains("tributary-protocol");
  }

  @Test
  void shouldRefuseThePreflightOfAnotherOrigin() throws Exception {
    // When
    HttpResponse<String> response = preflight(withCors, "https://elsewhere.example.com");

    // Then
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void shouldExposeTheErrorAndRetryHeadersOnAnswersToAConfiguredOrigin() throws Exception {
    // When
    HttpResponse<String> response =
        withCors.send(withCors.request("/health/live").header("Origin", APP).GET().build());

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(header(response, "Access-Control-Expose-Headers"))
        .contains("Tributary-Errors")
        .contains("Retry-After");
  }

  @Test
  void shouldRefuseRequestsAndWebSocketUpgradesFromAnotherOrigin() throws Exception {
    // Given
    String other = "https://elsewhere.example.com";
    WebSocketClient sockets = vertx.createWebSocketClient();

    // When
    HttpResponse<String> get =
        withCors.send(withCors.request("/health/live").header("Origin", other).GET().build());
    Throwable upgrade =
        sockets
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(withCors.port())
                    .setURI("/v1/sync/ws")
                    .putHeader("Origin", other))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ws, error) -> error)
            .get(10, TimeUnit.SECONDS);
    sockets.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    // Then
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(upgrade).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) upgrade).getStatus()).isEqualTo(403);
  }

  @Test
  void shouldAllowAnyOriginWhenConfiguredWithStar() throws Exception {
    HttpResponse<String> response = preflight(anyOrigin, "https://anywhere.example.org");

    assertThat(response.statusCode()).isBetween(200, 204);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void shouldSendNoCorsHeadersWhenNoOriginIsConfigured() throws Exception {
    // When
    HttpResponse<String> preflight = preflight(withoutCors, APP);
    HttpResponse<String> get =
        withoutCors.send(withoutCors.request("/health/live").header("Origin", APP).GET().build());

    // Then
    assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
