package io.tributary.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The public HTTP API of one ingest instance, as a client sees it: plain {@link HttpClient}
 * requests with a bearer token, answers as {@link ApiResponse}. Thread-safe.
 */
public final class Api {

  public static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final URI base;

  public Api(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public URI base() {
    return base;
  }

  public URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  /** GET {@code path}; {@code token} may be null for an anonymous request. */
  public ApiResponse get(String path, String token) {
    return send(request(path, token).GET());
  }

  /** POST {@code body} serialised as JSON. */
  public ApiResponse postJson(String path, String token, Object body) {
    return post(path, token, JSON, toJson(body));
  }

  /** POST raw bytes with the given content type (null: no Content-Type header). */
  public ApiResponse post(String path, String token, String contentType, byte[] body) {
    HttpRequest.Builder b = request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** Any method, no body. */
  public ApiResponse method(String method, String path, String token) {
    return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** POST a JSON body with extra request headers. */
  public ApiResponse postJsonWithHeaders(
      String path, String token, Object body, Map<String, String> headers) {
    HttpRequest.Builder b =
        request(path, token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
            .header("Content-Type", JSON);
    headers.forEach(b::header);
    return send(b);
  }

  public static byte[] toJson(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("test body is not serialisable", e);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private ApiResponse send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new ApiResponse(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + base + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + base, e);
    }
  }
}
