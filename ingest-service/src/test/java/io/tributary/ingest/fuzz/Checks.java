package io.tributary.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTParser;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What every answer of the API must satisfy, whatever it was sent. */
final class Checks {

  /** The statuses PROTOCOL.md lists ("Authentication and errors"), and 200. */
  static final Set<Integer> PROTOCOL_STATUSES =
      Set.of(200, 400, 401, 403, 404, 410, 413, 415, 422, 426, 429, 503, 504);

  /**
   * Statuses PROTOCOL.md does not list, answered with its error body all the same (protocol-notes):
   * 414 for a request line and 431 for headers too long for the HTTP codec.
   */
  static final Set<Integer> TRANSPORT_STATUSES = Set.of(414, 431);

  private Checks() {}

  /**
   * A listed status (or a transport one); an error has the JSON error body (and {@code Retry-After}
   * where PROTOCOL.md says so); a 200 that is not a stream or a HEAD has a JSON body; no stack
   * trace anywhere.
   */
  static void protocolAnswer(RawHttp.Response r, boolean head) throws Exception {
    assertThat(r.status())
        .as("status of %s", r.text())
        .isIn(
            java.util.stream.Stream.concat(PROTOCOL_STATUSES.stream(), TRANSPORT_STATUSES.stream())
                .toList());
    assertThat(r.text()).doesNotContain("\tat ").doesNotContain("Exception");
    if (r.status() >= 400) {
      assertThat(r.header("content-type")).startsWith("application/json");
      errorBody(Json.mapper().readTree(r.body()).path("error"));
      if (r.status() == 429 || r.status() == 503) {
        assertThat(r.header("retry-after")).as("Retry-After").isNotBlank();
      }
    } else if (!head && !r.isEventStream()) {
      Json.mapper().readTree(r.body());
    } else if (r.isEventStream()) {
      assertThat(r.text()).as("first event of the stream").contains("\n\n");
    }
  }

  /** {@code {"code": snake_case, "message": text}}, never the internal error. */
  static void errorBody(JsonNode error) {
    assertThat(error.path("code").isTextual()).as("error.code in %s", error).isTrue();
    assertThat(error.path("code").asText()).matches("[a-z][a-z0-9_]*").isNotEqualTo("internal");
    assertThat(error.path("message").asText()).as("error.message in %s", error).isNotBlank();
  }

  /** The tenant a bearer token names, or null when it names none that can be read. */
  static String tenantOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    try {
      Object tid = JWTParser.parse(authorization.substring(7)).getJWTClaimsSet().getClaim("tid");
      return tid instanceof String s ? s : null;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The changes that become document versions: a change the projector refuses ({@link FuzzServer}'s
   * record id {@code rejected}) is in the log but never becomes a version, and its push answer
   * lists it as an error.
   */
  static List<ChangeRecord> versions(List<ChangeRecord> written) {
    return written.stream()
        .filter(r -> !FuzzServer.REFUSED_BY_PROJECTOR.equals(r.recordId()))
        .toList();
  }

  /** A request that writes nothing (a pull, a stream, an admin call) wrote nothing. */
  static void nothingWritten(List<ChangeRecord> written) {
    assertThat(written).as("changes written by a request that writes nothing").isEmpty();
  }

  /**
   * Nothing of a refused request or item is written: after an error status nothing was produced;
   * after a dialect A push answer (HTTP or WebSocket), only changes answered {@code accepted} or in
   * conflict were, never one in {@code errors} (a change the projector refused excepted: it is in
   * the log like any change and never becomes a version); every written change is of the token's
   * tenant (when {@code authorization} is given).
   */
  static void writtenOnlyWhatWasAccepted(
      List<ChangeRecord> written, int status, JsonNode pushAnswer, String authorization) {
    if (status != 200) {
      assertThat(written).as("changes written by a request answered %d", status).isEmpty();
      return;
    }
    written = versions(written);
    if (authorization != null) {
      String tenant = tenantOf(authorization);
      written.forEach(
          r -> assertThat(r.tenant()).as("tenant of a written change").isEqualTo(tenant));
    }
    if (pushAnswer != null) {
      Set<String> answered = new HashSet<>();
      pushAnswer.path("accepted").forEach(a -> answered.add(a.path("id").asText()));
      pushAnswer.path("conflicts").forEach(c -> answered.add(c.path("changeId").asText()));
      for (ChangeRecord r : written) {
        assertThat(answered).as("change ids answered accepted or conflict").contains(r.changeId());
      }
      assertThat(written.size())
          .as("changes written, at most those answered accepted or conflict")
          .isLessThanOrEqualTo(
              pushAnswer.path("accepted").size() + pushAnswer.path("conflicts").size());
    }
  }
}
