package io.tributary.ingest.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketFramesTest {

  @Test
  void shouldReadTypeRequestIdAndPayloadAndToleratesAMissingType() {
    SocketFrames.Incoming frame =
        SocketFrames.parse("{\"type\":\"pull\",\"requestId\":3,\"payload\":{}}");
    SocketFrames.Incoming untyped = SocketFrames.parse("{\"requestId\":\"x\",\"type\":5}");

    assertThat(frame.type()).isEqualTo("pull");
    assertThat(frame.requestId().asInt()).isEqualTo(3);
    assertThat(frame.payload().isObject()).isTrue();
    assertThat(untyped.type()).isNull();
    assertThat(untyped.requestId().asText()).isEqualTo("x");
    assertThat(untyped.payload()).isNull();
  }

  @Test
  void shouldRefuseAFrameThatIsNotAJsonObject() {
    assertThatThrownBy(() -> SocketFrames.parse("[1,2]"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("invalid_frame"));
    assertThatThrownBy(() -> SocketFrames.parse("nope"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("invalid_frame"));
  }

  @Test
  void shouldWriteANullRequestIdAndThePayloadAsJson() throws Exception {
    JsonNode frame =
        Json.mapper().readTree(SocketFrames.frame(SocketFrames.SERVER_PUSH, null, List.of("a")));

    assertThat(frame.get("type").asText()).isEqualTo("server_push");
    assertThat(frame.get("requestId").isNull()).isTrue();
    assertThat(frame.at("/payload/0").asText()).isEqualTo("a");
  }

  @Test
  void shouldCutACloseReasonToTheBytesACloseFrameCarries() {
    String reason = SocketFrames.closeReason("é".repeat(100));

    assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    assertThat(reason).startsWith("ééé");
    assertThat(SocketFrames.closeReason("short")).isEqualTo("short");
  }
}
