package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.json.Json;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the HTTP codec refuses before the router sees them used to get Vert.x's bare status
 * (414, 431, 400) with no body, and a malformed percent-escape in the path or query was answered
 * 500 (both found by EndpointFuzzTest): they now get 400-range answers with the PROTOCOL.md error
 * body. Sent as raw bytes: HTTP clients refuse to send such requests.
 */
class InvalidRequestsTest {

  private static Vertx vertx;
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    api = new ApiHarness(vertx, "127.0.0.1:9", 1_000, r -> null);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void shouldAnswer414WithTheErrorBodyWhenTheRequestLineIsTooLong() throws Exception {
    // Given a query that makes the request line longer than 4096 bytes
    String target = "/v1/sync/pull?collections=" + "a,".repeat(2100) + "a";

    // When
    Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    // Then
    assertThat(answer.status()).isEqualTo(414);
    assertThat(answer.head()).containsIgnoringCase("content-type: application/json");
    assertThat(answer.error().path("code").asText()).isEqualTo("bad_request");
    assertThat(answer.error().path("message").asText()).contains("4096").contains("POST");
  }

  @Test
  void shouldAnswer431WithTheErrorBodyWhenTheHeadersAreTooLarge() throws Exception {
    // Given headers of more than 8192 bytes in all
    String headers = "X-Padding: " + "p".repeat(9_000) + "\r\n";

    // When
    Answer answer = send("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");

    // Then
    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.error().path("code").asText()).isEqualTo("bad_request");
    assertThat(answer.error().path("message").asText()).contains("8192");
  }

  @Test
  void shouldAnswer400WithTheErrorBodyWhenAHeaderCannotBeRead() throws Exception {
    // Given a header name with a character HTTP forbids there
    String request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n";

    // When
    Answer answer = send(request);

    // Then
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error().path("code").asText()).isEqualTo("bad_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/rxdb/a%zz/pull",
        "/v1/rxdb/todos%/push",
        "/v1/rxdb/a%2/pullStream",
        "/v1/sync/pull?cursor=%",
        "/v1/sync/stream?collections=%zz",
        "/v1/sync/pull?collections=todos,%E"
      })
  void shouldAnswer400BadRequestForAMalformedPercentEscape(String target) throws Exception {
    Answer answer =
        send(
            "GET "
                + target
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                + Tokens.token("acme", "sync:read sync:write admin")
                + "\r\n\r\n");

    assertThat(answer.head()).startsWith("HTTP/1.1 400 ");
    assertThat(answer.error().path("code").asText()).isEqualTo("bad_request");
    assertThat(answer.error().path("message").asText()).contains("percent-escape");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/sync/pull?cursor=", "/v1/sync/pull?collections=a%2Cb", "/%41"})
  void shouldLetWellFormedTargetsThrough(String target) {
    assertThat(FailureHandler.hasValidEscapes(target)).isTrue();
  }

  /** The status line and headers, and the error object of the JSON body. */
  private record Answer(int status, String head, JsonNode error) {}

  /**
   * Sends raw bytes and reads until the server closes: it must, after a request it could not read.
   */
  private static Answer send(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(out);
      String text = out.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a complete head in %s", text).isPositive();
      String head = text.substring(0, end);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new Answer(
          status, head, Json.mapper().readTree(text.substring(end + 4)).path("error"));
    }
  }
}
