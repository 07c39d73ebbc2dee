package io.tributary.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionSchemas;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-collection rules of a push item: strict mode, size, schema, counters, timestamp. */
class CollectionItemRulesTest {

  private static final Map<String, String> SETTINGS =
      Map.of(
          "collections.strict", "true",
          "collection.notes.max.document.bytes", "64",
          "collection.todos.timestamp.field", "updatedAt",
          "collections",
              "{\"todos\": {\"schema\": {\"type\": \"object\", \"required\": [\"title\", \"updatedAt\"],"
                  + " \"properties\": {\"title\": {\"type\": \"string\"},"
                  + " \"votes\": {\"type\": \"integer\", \"minimum\": 0}}}}}");

  private final CollectionRules rules = CollectionRules.from(SETTINGS);
  private final ItemValidator validator =
      new ItemValidator(4096, rules, CollectionSchemas.compile(rules));
  private final Principal writer =
      new Principal("acme", null, Set.of("sync:write"), Optional.empty());

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private ItemCheck sync(String collection, String type, String data) {
    return validator.syncChange(
        0,
        json(
            "{'id':'c1','collection':'"
                + collection
                + "','recordId':'r1','type':'"
                + type
                + "','data':"
                + data
                + "}"),
        writer);
  }

  private static ItemCheck.Bad bad(ItemCheck check) {
    assertThat(check).isInstanceOf(ItemCheck.Bad.class);
    return (ItemCheck.Bad) check;
  }

  @Test
  void shouldRefuseAnUnconfiguredCollectionInStrictMode() {
    ItemCheck.Bad bad = bad(sync("other", "create", "{'title':'x'}"));

    assertThat(bad.code()).isEqualTo("unknown_collection");
    assertThat(bad.message()).contains("other");
  }

  @Test
  void shouldRefuseASchemaViolationWith422AndTheFailingPath() {
    // When the required title is missing
    ItemCheck.Bad bad = bad(sync("todos", "create", "{'done':true}"));

    // Then
    assertThat(bad.code()).isEqualTo("schema_violation");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.path()).isEqualTo("$.title");
    assertThat(bad.message()).startsWith("$.title: ");
  }

  @Test
  void shouldValidateTheStoredFormWithTheServerTimestampAndCountersAsNumbers() {
    // Given updatedAt is required by the schema but set by the server, and votes is a counter
    ItemCheck ok = sync("todos", "update", "{'title':'x','votes':{'$increment':2}}");
    ItemCheck.Bad negative =
        bad(sync("todos", "update", "{'title':'x','votes':{'$increment':-1}}"));

    // Then
    assertThat(ok).isInstanceOf(ItemCheck.Ok.class);
    assertThat(((ItemCheck.Ok) ok).item().data().get("votes").get("$increment").asInt())
        .isEqualTo(2);
    assertThat(negative.path()).isEqualTo("$.votes");
  }

  @Test
  void shouldNotValidateDeletesAgainstTheSchema() {
    assertThat(sync("todos", "delete", "null")).isInstanceOf(ItemCheck.Ok.class);
    assertThat(sync("todos", "delete", "{'done':true}")).isInstanceOf(ItemCheck.Ok.class);
  }

  @Test
  void shouldValidateRxdbRowsAgainstTheSchemaButNotDeletedOnes() {
    ItemCheck.Bad bad =
        bad(
            validator.rxdbRow(
                3,
                "todos",
                json("{'assumedMasterState':null,'newDocumentState':{'id':'r1','title':7}}")));
    ItemCheck deleted =
        validator.rxdbRow(
            4,
            "todos",
            json("{'assumedMasterState':null,'newDocumentState':{'id':'r1','_deleted':true}}"));

    assertThat(bad.index()).isEqualTo(3);
    assertThat(bad.code()).isEqualTo("schema_violation");
    assertThat(bad.path()).isEqualTo("$.title");
    assertThat(deleted).isInstanceOf(ItemCheck.Ok.class);
  }

  @Test
  void shouldApplyTheCollectionsOwnSizeLimit() {
    String text = "x".repeat(80);

    assertThat(bad(sync("notes", "create", "{'t':'" + text + "'}")).code())
        .isEqualTo("document_too_large");
    assertThat(bad(sync("notes", "create", "{'t':'" + text + "'}")).message()).contains("64");
  }

  @Test
  void shouldRefuseAnIncrementWithOtherKeysOrANonNumber() {
    assertThat(bad(sync("notes", "update", "{'n':{'$increment':1,'x':2}}")).code())
        .isEqualTo("invalid_increment");
    assertThat(bad(sync("notes", "update", "{'n':{'$increment':'1'}}")).code())
        .isEqualTo("invalid_increment");
    assertThat(sync("notes", "update", "{'n':{'$increment':1.5}}"))
        .isInstanceOf(ItemCheck.Ok.class);
  }

  @Test
  void shouldOverwriteTheTimestampFieldWithTheServerTime() {
    // Given a client that sends its own updatedAt
    HybridLogicalClock clock = HybridLogicalClock.system();
    ChangeStamper stamper = new ChangeStamper(clock, 60_000, rules);
    PushItem item = ((ItemCheck.Ok) sync("todos", "update", "{'title':'x','updatedAt':1}")).item();

    // When
    ChangeRecord record = stamper.stamp(item, "acme", "corr", 0);

    // Then
    assertThat(record.data().get("updatedAt").asLong())
        .isEqualTo(HybridLogicalClock.millis(record.hlc()));
    assertThat(item.data().get("updatedAt").asLong()).isEqualTo(1);
  }

  @Test
  void shouldLeaveADeleteWithoutDataWithoutTimestamp() {
    ChangeStamper stamper = new ChangeStamper(HybridLogicalClock.system(), 60_000, rules);
    PushItem item = ((ItemCheck.Ok) sync("todos", "delete", "null")).item();

    assertThat(stamper.stamp(item, "acme", "corr", 0).data()).isNull();
  }
}
