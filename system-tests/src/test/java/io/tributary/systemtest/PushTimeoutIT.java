package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** With no projector to answer, a push answers 504 once push.timeout.ms has passed. */
class PushTimeoutIT extends StackPerClass {

  private static final long PUSH_TIMEOUT_MS = 1500;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingestSetting("push.timeout.ms", Long.toString(PUSH_TIMEOUT_MS));
  }

  @Test
  void shouldAnswerGatewayTimeoutWithinPushTimeoutWhenProjectorIsStopped() {
    // Given a stack whose push works, then whose only projector is stopped
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    client.pushOk(change(TestIds.changeId(), "create", "todos", "before", doc("before", "x")));
    stack.closeProjector(0);

    // When a client pushes
    long started = System.nanoTime();
    ApiResponse r =
        client.push(change(TestIds.changeId(), "create", "todos", "r1", doc("r1", "x")));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    // Then it gets 504 with an error body, after the timeout and not much later
    assertThat(r.status()).as("%s", r).isEqualTo(504);
    JsonNode error = r.json().path("error");
    assertThat(error.path("code").asText()).as("%s", r).matches("[a-z][a-z0-9_]*");
    assertThat(error.path("message").asText()).as("%s", r).isNotBlank();
    assertThat(tookMs).isBetween(PUSH_TIMEOUT_MS - 100, PUSH_TIMEOUT_MS + 3000);
  }
}
