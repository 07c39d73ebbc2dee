package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Tokens and document bodies never reach the logs, not in messages and not in exception traces,
 * also when requests fail: logs are shipped to places that must not hold users' data.
 */
@ExtendWith(SharedKafka.class)
class LogHygieneIT {

  @Test
  void shouldNeverLogATokenOrADocumentBody(EmbeddedKafka kafka) {
    // Given every log event of the JVM captured, Tributary's own at DEBUG
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger tributary = context.getLogger("io.tributary");
    Level levelBefore = tributary.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    tributary.setLevel(Level.DEBUG);
    String marker = "body-marker-" + UUID.randomUUID();
    List<String> tokens;
    try (TributaryStack stack =
        TributaryStack.builder(kafka).policy("notes", "client-resolves").start()) {
      String tenant = TestIds.tenant();
      String token = stack.tokens().readWrite(tenant);
      tokens =
          List.of(
              token,
              stack.tokens().forged(tenant),
              stack.tokens().expired(tenant),
              stack.tokens().unsigned(tenant));
      Api api = stack.api();
      ChangeFeedClient feed = new ChangeFeedClient(api, token);
      RxdbClient rxdb = new RxdbClient(api, token, "notes");

      // When documents carrying the marker are pushed, pulled, streamed, refused and conflicted
      try (SseStream stream = feed.stream(null)) {
        feed.pushOk(change(TestIds.changeId(), "create", "todos", "t1", doc("t1", marker)));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> stream.events().stream().anyMatch(e -> e.data().contains(marker)));
      }
      rxdb.pushOk(row(null, doc("n1", marker)));
      ObjectNode stale = doc("n1", "something else");
      assertThat(rxdb.pushOk(row(stale, doc("n1", marker + "-2"))).size()).isEqualTo(1);
      feed.pullToEnd(null);
      rxdb.pullToEnd(null, 10);
      byte[] broken = ("{\"changes\": [{\"data\": \"" + marker).getBytes(StandardCharsets.UTF_8);
      assertThat(api.post("/v1/sync/push", token, "application/json", broken).status())
          .isEqualTo(400);
      ObjectNode huge = doc("t2", marker + "x".repeat(300_000));
      feed.push(change(TestIds.changeId(), "create", "todos", "t2", huge));
      ObjectNode badId = doc("t3", marker);
      feed.push(change(TestIds.changeId(), "create", "todos", "bad\nid", badId));
      for (String refused : tokens.subList(1, tokens.size())) {
        assertThat(new ChangeFeedClient(api, refused).pull(null, 10).status()).isEqualTo(401);
      }
      assertThat(
              api.postJson("/v1/sync/push", token, Map.of("changes", List.of(Map.of("x", marker))))
                  .status())
          .isEqualTo(200);
    } finally {
      root.detachAppender(captured);
      tributary.setLevel(levelBefore);
    }

    // Then the logs said things, but never a token, a token's signature or a document body
    List<String> lines =
        captured.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
            .toList();
    assertThat(lines).isNotEmpty();
    for (String token : tokens) {
      String signatureOrPayload = token.substring(token.indexOf('.') + 1);
      assertThat(lines).noneMatch(l -> l.contains(signatureOrPayload));
    }
    assertThat(lines).noneMatch(l -> l.contains(marker));
  }
}
