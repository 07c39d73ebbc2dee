package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A collection's JSON Schema, read from a file: an invalid item is answered 422 per item naming the
 * failing field, nothing is written for it, and the rest of its batch goes through — in both
 * dialects.
 */
@ExtendWith(SharedKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionSchemaIT {

  private static final String TASKS = "tasks";
  private static final String SCHEMA =
      "{\"type\": \"object\", \"required\": [\"title\"],"
          + " \"properties\": {\"title\": {\"type\": \"string\", \"minLength\": 1},"
          + " \"votes\": {\"type\": \"integer\", \"minimum\": 0}}}";

  private Path schemaDir;
  private TributaryStack stack;

  @BeforeAll
  void startStack(EmbeddedKafka kafka) {
    schemaDir = TempDirs.create("tributary-systest-schema");
    Path schema = schemaDir.resolve("tasks.schema.json");
    try {
      Files.writeString(schema, SCHEMA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String key = "collection." + TASKS + ".schema";
    stack =
        TributaryStack.builder(kafka)
            .ingestSetting(key, schema.toString())
            .projectorSetting(key, schema.toString())
            .start();
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
    TempDirs.deleteQuietlyLogged(schemaDir);
  }

  @Test
  void shouldAnswer422PerItemNamingTheFieldAndWriteOnlyTheValidChangesInDialectA() {
    // Given a batch: a valid task, one without the required title, one whose counter breaks minimum
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    String ok = TestIds.changeId();
    String missing = TestIds.changeId();
    String negative = TestIds.changeId();

    // When it is pushed
    JsonNode answer =
        client.pushOk(
            change(ok, "create", TASKS, "t1", doc("t1", "write the report")),
            change(missing, "create", TASKS, "t2", doc("t2", Map.of("done", true))),
            change(
                negative,
                "create",
                TASKS,
                "t3",
                Json.mapper()
                    .createObjectNode()
                    .put("title", "t")
                    .set("votes", Json.mapper().createObjectNode().put("$increment", -2))));

    // Then the valid one is accepted, each invalid one is a 422 schema_violation naming its field
    assertThat(PushAnswers.accepted(answer, ok)).isPresent();
    JsonNode missingError = PushAnswers.error(answer, missing).orElseThrow();
    assertThat(missingError.path("code").asText()).isEqualTo("schema_violation");
    assertThat(missingError.path("status").asInt()).isEqualTo(422);
    assertThat(missingError.path("path").asText()).isEqualTo("$.title");
    assertThat(missingError.path("error").asText()).contains("$.title");
    JsonNode negativeError = PushAnswers.error(answer, negative).orElseThrow();
    assertThat(negativeError.path("path").asText()).isEqualTo("$.votes");

    // And a pull shows only the valid task
    Map<String, JsonNode> pulled = client.pullToEnd(null).latestByRecord();
    assertThat(pulled).containsOnlyKeys("t1");
  }

  @Test
  void shouldListSchemaViolationsWithTheirPathAndWriteOnlyTheValidRowsInDialectB() {
    // Given a batch of rows: a valid task and one whose title is a number
    String tenant = TestIds.tenant();
    RxdbClient rx = stack.rxdb(tenant, TASKS);

    // When it is pushed
    ApiResponse r =
        rx.push(row(null, doc("b1", "plan the trip")), row(null, doc("b2", Map.of("title", 42))));

    // Then the answer is 200 and the header lists the invalid row with the failing field
    assertThat(r.status()).as("rxdb push %s", r).isEqualTo(200);
    assertThat(r.json()).isEmpty();
    JsonNode errors = parse(r.header("Tributary-Errors").orElseThrow());
    assertThat(errors).hasSize(1);
    assertThat(errors.at("/0/index").asInt()).isEqualTo(1);
    assertThat(errors.at("/0/code").asText()).isEqualTo("schema_violation");
    assertThat(errors.at("/0/path").asText()).isEqualTo("$.title");

    // And a pull holds only the valid document
    assertThat(rx.pullToEnd(null, 100).latestById()).containsOnlyKeys("b1");
  }

  @Test
  void shouldNotValidateDeletesAgainstTheSchema() {
    // Given a valid task
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    client.pushOk(change(TestIds.changeId(), "create", TASKS, "d1", doc("d1", "x")));

    // When it is deleted with data the schema would refuse
    String delete = TestIds.changeId();
    JsonNode answer =
        client.pushOk(change(delete, "delete", TASKS, "d1", doc("d1", Map.of("done", true))));

    // Then the delete is accepted and the pull shows a tombstone
    assertThat(PushAnswers.accepted(answer, delete)).isPresent();
    assertThat(client.pullToEnd(null).latestByRecord().get("d1").path("type").asText())
        .isEqualTo("delete");
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
