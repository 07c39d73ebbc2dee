package io.tributary.ingest.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The rest of an HTTP request: query parameters (well encoded or with broken percent-escapes),
 * content types, protocol versions, extra header lines, and the {@link Headers} of a request.
 */
final class RequestInputs {

  private RequestInputs() {}

  /** A query parameter, encoded properly or sent as raw (possibly broken) percent-escapes. */
  static Arbitrary<String> param(String name, Arbitrary<String> value) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            8, value.map(v -> name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.of("%", "%zz", "%FF%FE", "%C3", "%00", "a+b", "%E2%82", "%ED%A0%80")
                .map(v -> name + "=" + v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
  }

  static String query(List<String> params) {
    String q = params.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("&"));
    return q.isEmpty() ? "" : "?" + q;
  }

  static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "application/json; charset=utf-8",
                "APPLICATION/JSON",
                "application/vnd.api+json",
                "application/json; charset=latin1",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "application/jsonx",
                "json",
                "",
                ";;;")),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
  }

  static Arbitrary<String> protocolVersion() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just((String) null)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just("1")),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "0", "-1", "2", "99", "", "abc", "1.0", " 1", "99999999999999999999", "0x1", "１")));
  }

  /** Extra header lines: duplicates, odd values, raw bytes. */
  static Arbitrary<List<byte[]>> extraHeaders() {
    Arbitrary<byte[]> line =
        Arbitraries.of(
                "Accept: */*",
                "Accept: text/event-stream",
                "Origin: https://evil.example",
                "Content-Type: text/plain",
                "Authorization: Bearer x",
                "Tributary-Protocol: 1",
                "Tributary-Protocol: 0",
                "Accept-Encoding: gzip",
                "Content-Encoding: gzip",
                "Expect: 100-continue",
                "X-Forwarded-For: 10.0.0.1",
                "Last-Event-ID: \u00ff\u00fe")
            .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    return line.list().ofMaxSize(2);
  }

  /** A request's headers: authorization, content type (for bodies), protocol, extras. */
  record Headers(String authorization, String contentType, String protocol, List<byte[]> extra) {
    List<byte[]> lines(boolean withBody) {
      List<byte[]> out = new ArrayList<>();
      if (authorization != null) {
        out.add(("Authorization: " + authorization).getBytes(StandardCharsets.UTF_8));
      }
      if (withBody && contentType != null) {
        out.add(("Content-Type: " + contentType).getBytes(StandardCharsets.UTF_8));
      }
      if (protocol != null) {
        out.add(("Tributary-Protocol: " + protocol).getBytes(StandardCharsets.UTF_8));
      }
      out.addAll(extra);
      return out;
    }

    @Override
    public String toString() {
      return "Headers[authorization="
          + (authorization == null
              ? null
              : authorization.length() > 60 ? authorization.substring(0, 60) + "…" : authorization)
          + ", contentType="
          + contentType
          + ", protocol="
          + protocol
          + ", extra="
          + extra.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList()
          + "]";
    }
  }

  static Arbitrary<Headers> headers() {
    return Combinators.combine(
            AuthInputs.authorization(), contentType(), protocolVersion(), extraHeaders())
        .as(Headers::new);
  }
}
