package io.tributary.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.Principal;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeType;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemValidatorTest {

  private final ItemValidator validator = new ItemValidator(1024);
  private final Principal writer =
      new Principal("acme", null, Set.of("sync:write"), Optional.empty());

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private PushItem ok(ItemCheck check) {
    assertThat(check).isInstanceOf(ItemCheck.Ok.class);
    return ((ItemCheck.Ok) check).item();
  }

  private String code(ItemCheck check) {
    assertThat(check).isInstanceOf(ItemCheck.Bad.class);
    return ((ItemCheck.Bad) check).code();
  }

  @Test
  void shouldAcceptChangeDropReservedFieldsAndSetId() {
    // Given
    JsonNode change =
        json(
            "{'id':'c1','collection':'todos','recordId':'r1','type':'update',"
                + "'data':{'title':'x','_rev':'9'},'baseRev':'3-a','timestamp':1700000000000}");

    // When
    PushItem item = ok(validator.syncChange(0, change, writer));

    // Then
    assertThat(item.changeId()).isEqualTo("c1");
    assertThat(item.type()).isEqualTo(ChangeType.UPDATE);
    assertThat(item.data().has("_rev")).isFalse();
    assertThat(item.data().get("id").asText()).isEqualTo("r1");
    assertThat(item.base()).isEqualTo(Base.rev("3-a"));
    assertThat(item.clientTimestamp()).isEqualTo(1700000000000L);
  }

  @Test
  void shouldBuildStateBaseFromPrevDataAndNoneWithoutBase() {
    PushItem withPrev =
        ok(
            validator.syncChange(
                0,
                json(
                    "{'id':'c1','collection':'todos','recordId':'r1',"
                        + "'type':'update','data':{'a':2},'prevData':{'a':1}}"),
                writer));
    PushItem without =
        ok(
            validator.syncChange(
                0,
                json(
                    "{'id':'c1','collection':'todos','recordId':'r1',"
                        + "'type':'create','data':{'a':2}}"),
                writer));

    assertThat(withPrev.base().kind()).isEqualTo(Base.Kind.STATE);
    assertThat(withPrev.base().state().get("a").asInt()).isEqualTo(1);
    assertThat(without.base()).isEqualTo(Base.none());
  }

  @Test
  void shouldReportEachKindOfBadChangeWithItsCode() {
    assertThat(code(validator.syncChange(0, json("[1]"), writer))).isEqualTo("invalid_change");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json("{'collection':'todos','recordId':'r','type':'create','data':{}}"),
                    writer)))
        .isEqualTo("invalid_change_id");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json(
                        "{'id':'c','collection':'Todos','recordId':'r','type':'create','data':{}}"),
                    writer)))
        .isEqualTo("invalid_collection");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json("{'id':'c','collection':'todos','recordId':'','type':'create','data':{}}"),
                    writer)))
        .isEqualTo("invalid_record_id");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json(
                        "{'id':'c','collection':'todos','recordId':'r','type':'upsert','data':{}}"),
                    writer)))
        .isEqualTo("invalid_type");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json(
                        "{'id':'c','collection':'todos','recordId':'r','type':'update','data':[1]}"),
                    writer)))
        .isEqualTo("invalid_data");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json(
                        "{'id':'c','collection':'todos','recordId':'r','type':'update','data':{'n':{'$increment':'x'}}}"),
                    writer)))
        .isEqualTo("invalid_increment");
    assertThat(
            code(
                validator.syncChange(
                    0,
                    json(
                        "{'id':'c','collection':'todos','recordId':'r','type':'update','data':{},'timestamp':'yesterday'}"),
                    writer)))
        .isEqualTo("invalid_timestamp");
  }

  @Test
  void shouldRefuseDocumentLargerThanTheLimit() {
    String big = "x".repeat(2000);
    ItemCheck check =
        validator.syncChange(
            0,
            json(
                "{'id':'c','collection':'todos','recordId':'r',"
                    + "'type':'update','data':{'big':'"
                    + big
                    + "'}}"),
            writer);

    assertThat(code(check)).isEqualTo("document_too_large");
  }

  @Test
  void shouldForbidCollectionOutsideTheTokensCols() {
    Principal limited =
        new Principal("acme", null, Set.of("sync:write"), Optional.of(Set.of("notes")));

    ItemCheck check =
        validator.syncChange(
            3,
            json("{'id':'c','collection':'todos','recordId':'r'," + "'type':'create','data':{}}"),
            limited);

    assertThat(code(check)).isEqualTo("forbidden");
    assertThat(((ItemCheck.Bad) check).index()).isEqualTo(3);
  }

  @Test
  void shouldAcceptDeleteWithoutData() {
    PushItem item =
        ok(
            validator.syncChange(
                0, json("{'id':'c','collection':'todos','recordId':'r','type':'delete'}"), writer));

    assertThat(item.type()).isEqualTo(ChangeType.DELETE);
    assertThat(item.data()).isNull();
  }

  @Test
  void shouldTurnRxdbDeletedFlagIntoDeleteAndAssumedStateIntoBase() {
    // Given
    JsonNode row =
        json(
            "{'assumedMasterState':{'id':'r1','a':1,'_deleted':false,'_meta':{}},"
                + "'newDocumentState':{'id':'r1','a':1,'_deleted':true}}");

    // When
    PushItem item = ok(validator.rxdbRow(0, "todos", row));

    // Then
    assertThat(item.type()).isEqualTo(ChangeType.DELETE);
    assertThat(item.data().has("_deleted")).isFalse();
    assertThat(item.base().kind()).isEqualTo(Base.Kind.STATE);
    assertThat(item.base().state().has("_meta")).isFalse();
    assertThat(item.base().deleted()).isFalse();
    assertThat(item.changeId()).isNotBlank();
  }

  @Test
  void shouldUseAssumedAbsentForNullMasterStateAndKeepGivenChangeId() {
    PushItem item =
        ok(
            validator.rxdbRow(
                0,
                "todos",
                json(
                    "{'assumedMasterState':null,"
                        + "'newDocumentState':{'id':'r1','a':1},'changeId':'k-1'}")));

    assertThat(item.base()).isEqualTo(Base.assumedAbsent());
    assertThat(item.changeId()).isEqualTo("k-1");
    assertThat(item.collection()).isEqualTo("todos");
  }

  @Test
  void shouldRefuseRxdbRowsWithoutIdOrObjectState() {
    assertThat(code(validator.rxdbRow(0, "todos", json("{'newDocumentState':{'a':1}}"))))
        .isEqualTo("invalid_record_id");
    assertThat(code(validator.rxdbRow(0, "todos", json("{'newDocumentState':'x'}"))))
        .isEqualTo("invalid_data");
    assertThat(
            code(
                validator.rxdbRow(
                    0, "todos", json("{'newDocumentState':{'id':'r','_deleted':'yes'}}"))))
        .isEqualTo("invalid_data");
    assertThat(code(validator.rxdbRow(0, "todos", json("7")))).isEqualTo("invalid_row");
  }
}
