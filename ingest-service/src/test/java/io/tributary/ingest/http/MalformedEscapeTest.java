package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.Tokens;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed percent-escape in the path or query was answered 500 (found by EndpointFuzzTest). */
class MalformedEscapeTest {

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
    String answer = rawGet(target);

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer).contains("\"code\":\"bad_request\"").contains("percent-escape");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/sync/pull?cursor=", "/v1/sync/pull?collections=a%2Cb", "/%41"})
  void shouldLetWellFormedTargetsThrough(String target) {
    assertThat(FailureHandler.hasValidEscapes(target)).isTrue();
  }

  /** A GET sent as raw bytes: HTTP clients refuse to send a malformed escape. */
  private static String rawGet(String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.port())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
              + Tokens.token("acme", "sync:read sync:write admin")
              + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
