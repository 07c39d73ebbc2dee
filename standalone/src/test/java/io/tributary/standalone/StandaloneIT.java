package io.tributary.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PUSH_BODY =
      "{\"changes\":[{\"id\":\"change-1\",\"collection\":\"todos\",\"recordId\":\"todo-1\","
          + "\"type\":\"create\",\"data\":{\"title\":\"Survive a restart\"}}]}";

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void shouldServeAPushedDocumentAgainAfterARestartOnTheSameDataDir() throws Exception {
    // Given a running stack on an empty data dir, and a document pushed to it
    Map<String, String> config =
        Map.of(
            StandaloneSettings.DATA_DIR,
            dataDir.toString(),
            "http.port",
            "0",
            "topic.changes.partitions",
            "3",
            "topic.documents.partitions",
            "3",
            "topic.outcomes.partitions",
            "2");
    String token;
    try (Standalone stack = Standalone.start(config)) {
      token = stack.mintToken(DemoToken.TENANT);
      String api = stack.apiBaseUrl();
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                JsonNode pushed = post(api + "/v1/sync/push", token, PUSH_BODY, 200);
                assertThat(pushed.path("accepted").findValuesAsText("id")).contains("change-1");
              });
      assertThat(pulledRecordIds(api, token)).contains("todo-1");
    }

    // When the stack is stopped and started again on the same data dir
    try (Standalone restarted = Standalone.start(config)) {
      // Then the token minted before still works and a pull from scratch returns the document
      String api = restarted.apiBaseUrl();
      await()
          .atMost(PATIENCE)
          .untilAsserted(() -> assertThat(pulledRecordIds(api, token)).contains("todo-1"));
    }
  }

  private List<String> pulledRecordIds(String api, String token) throws Exception {
    JsonNode page = post(api + "/v1/sync/pull", token, "{}", 200);
    List<String> ids = new ArrayList<>();
    page.path("changes").forEach(change -> ids.add(change.path("recordId").asText()));
    return ids;
  }

  private JsonNode post(String url, String token, String body, int expectedStatus)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("status of %s: %s", url, response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }
}
