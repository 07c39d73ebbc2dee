package io.tributary.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.protocol.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * CORS as protocol-notes.md promises it, on a server allowing one origin ({@value #APP}): a
 * preflight from it is answered 2xx allowing that origin (never {@code *}, never credentials), the
 * methods {@code GET POST HEAD OPTIONS} and no other, and the headers {@code Authorization}, {@code
 * Content-Type}, {@code Tributary-Protocol}; an answer to it exposes {@code Tributary-Errors} and
 * {@code Retry-After}. A request or preflight from any other origin is 403 {@code forbidden} with
 * the error body, no {@code Access-Control-Allow-Origin}, and writes nothing. Without {@code
 * Origin} no CORS header is sent. Origins that differ from the allowed one only by case or a final
 * slash (browsers send neither) may be treated as it, as long as the answer echoes them.
 */
class CorsFuzzTest {

  static final String APP = "https://app.example.com";

  private static final Set<String> ALLOWED_METHODS = Set.of("get", "post", "head", "options");
  private static final Set<String> ALLOWED_HEADERS =
      Set.of("authorization", "content-type", "tributary-protocol");

  private static FuzzServer server;
  private static RawHttp http;

  @BeforeContainer
  static void start() throws Exception {
    server = new FuzzServer(List.of(APP), TenantRateLimits.OFF);
    http = new RawHttp(server.api.port(), EndpointFuzzTest.TIMEOUT_MS);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void aPreflightIsAnsweredForTheAllowedOriginOnly(
      @ForAll("paths") String path,
      @ForAll("origins") String origin,
      @ForAll("requestMethods") String requestMethod,
      @ForAll("requestHeaders") String requestHeaders)
      throws Exception {
    List<String> lines = new ArrayList<>();
    if (origin != null) {
      lines.add("Origin: " + origin);
    }
    lines.add("Access-Control-Request-Method: " + requestMethod);
    if (requestHeaders != null) {
      lines.add("Access-Control-Request-Headers: " + requestHeaders);
    }

    RawHttp.Response r = send("OPTIONS", path, lines, null);

    if (origin == null) {
      assertThat(r.header("access-control-allow-origin")).isNull();
      assertThat(r.status()).as("OPTIONS without Origin").isIn(404, 405);
      Checks.errorBody(Json.mapper().readTree(r.body()).path("error"));
    } else if (isAllowed(origin, r) && (r.status() == 404 || r.status() == 405)) {
      // Not a preflight (no usable Access-Control-Request-Method): the route's own answer.
      Checks.errorBody(Json.mapper().readTree(r.body()).path("error"));
    } else if (r.header("access-control-allow-origin") != null) {
      assertThat(r.status()).as("preflight of %s", origin).isBetween(200, 204);
      assertThat(r.header("access-control-allow-credentials")).isNull();
      assertThat(csv(r.header("access-control-allow-methods")))
          .containsAll(Set.of("get", "post"))
          .isSubsetOf(ALLOWED_METHODS);
      assertThat(csv(r.header("access-control-allow-headers")))
          .containsExactlyInAnyOrderElementsOf(ALLOWED_HEADERS);
    } else {
      refused(r, origin, false);
    }
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void aRequestFromAnotherOriginIsRefusedAndWritesNothing(
      @ForAll("calls") String[] call,
      @ForAll("origins") String origin,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    int before = server.api.produced.size();
    List<String> lines = new ArrayList<>();
    if (origin != null) {
      lines.add("Origin: " + origin);
    }
    // The generated Origin is the one under test: drop the Origin lines of the extra headers.
    headers.lines(call[2] != null).stream()
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .filter(l -> !l.regionMatches(true, 0, "Origin:", 0, 7))
        .forEach(lines::add);

    RawHttp.Response r = send(call[0], call[1], lines, call[2]);

    if (origin == null) {
      assertThat(r.header("access-control-allow-origin")).isNull();
    } else if (isAllowed(origin, r)) {
      assertThat(csv(r.header("access-control-expose-headers")))
          .contains("tributary-errors", "retry-after");
      if (r.status() != 405) {
        Checks.protocolAnswer(r, call[0].equals("HEAD"));
      }
      return;
    } else {
      refused(r, origin, call[0].equals("HEAD"));
      Checks.nothingWritten(server.api.produced.subList(before, server.api.produced.size()));
      return;
    }
    if (r.status() != 405) {
      Checks.protocolAnswer(r, call[0].equals("HEAD"));
    }
  }

  // ---- generators

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.oneOf(
        Arbitraries.of(TransportFuzzTest.ROUTES.keySet()), Arbitraries.of("/", "/nope", "/v1"));
  }

  /** The allowed origin, near misses and others; null for no {@code Origin} header. */
  @Provide
  Arbitrary<String> origins() {
    return Arbitraries.oneOf(
        Arbitraries.of(APP, APP, APP + "/", "HTTPS://APP.EXAMPLE.COM"),
        Arbitraries.of(
            "https://evil.example",
            "http://app.example.com",
            "https://app.example.com:8443",
            "https://app.example.com.evil.example",
            "https://evil.example/https://app.example.com",
            "https://sub.app.example.com",
            "https://app.example.co",
            "null",
            "*",
            "",
            "https://app.example.com, https://evil.example",
            "file://",
            "https://\u00e4pp.example.com"),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "https://" + s),
        Arbitraries.just((String) null));
  }

  @Provide
  Arbitrary<String> requestMethods() {
    return Arbitraries.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "", "g e t");
  }

  @Provide
  Arbitrary<String> requestHeaders() {
    return Arbitraries.oneOf(
        Arbitraries.of(
                "authorization",
                "Content-Type",
                "tributary-protocol",
                "x-evil",
                "cookie",
                "",
                " , ,")
            .list()
            .ofMaxSize(4)
            .map(l -> String.join(",", l)),
        Arbitraries.just((String) null));
  }

  /** Method, path, body (null for none) of a request of every route, or a wrong method. */
  @Provide
  Arbitrary<String[]> calls() {
    return Arbitraries.of(TransportFuzzTest.ROUTES.keySet())
        .flatMap(
            path ->
                Arbitraries.of("GET", "POST", "HEAD", "PUT")
                    .map(
                        m -> new String[] {m, path, m.equals("POST") ? "{\"changes\":[]}" : null}));
  }

  @Provide
  Arbitrary<RequestInputs.Headers> headers() {
    return RequestInputs.headers();
  }

  // ---- plumbing

  /**
   * Whether the server treated {@code origin} as the allowed one: then it must echo it, and it must
   * be {@value #APP} but for case and a final slash.
   */
  private static boolean isAllowed(String origin, RawHttp.Response r) {
    String allowed = r.header("access-control-allow-origin");
    if (allowed == null) {
      return false;
    }
    assertThat(allowed).as("Access-Control-Allow-Origin").isEqualTo(origin);
    String normal = origin.toLowerCase(Locale.ROOT);
    assertThat(normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal)
        .as("an origin the server allowed")
        .isEqualTo(APP);
    return true;
  }

  private static void refused(RawHttp.Response r, String origin, boolean head) throws Exception {
    assertThat(r.status()).as("answer to origin %s: %s", origin, r.text()).isEqualTo(403);
    assertThat(r.header("access-control-allow-origin")).isNull();
    assertThat(r.header("content-type")).startsWith("application/json");
    if (!head) {
      Checks.protocolAnswer(r, false);
      JsonNode error = Json.mapper().readTree(r.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("forbidden");
      assertThat(error.path("message").asText()).as("what to do").contains("origin");
    }
  }

  private static Set<String> csv(String header) {
    assertThat(header).as("CORS header").isNotNull();
    Set<String> out = new java.util.TreeSet<>();
    for (String part : header.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static RawHttp.Response send(String method, String path, List<String> lines, String body)
      throws Exception {
    try {
      return http.send(
          method,
          path.getBytes(StandardCharsets.UTF_8),
          lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(),
          body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    } catch (RawHttp.Hang e) {
      throw new AssertionError("hang: " + method + " " + path + ": " + e.getMessage(), e);
    }
  }
}
