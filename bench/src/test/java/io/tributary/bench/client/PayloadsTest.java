package io.tributary.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldBuildAboutThreeHundredBytesPerChangeWithFreshChangeIds() throws Exception {
    String body = Payloads.syncPush("notes", new String[] {"k0-1", "k0-2"});
    JsonNode changes = mapper.readTree(body).path("changes");

    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).path("id").asText()).isNotEqualTo(changes.get(1).path("id").asText());
    assertThat(changes.get(1).path("recordId").asText()).isEqualTo("k0-2");
    // About 300: the change id carries the process id, 1 to 7 digits.
    assertThat(changes.get(0).toString().length()).isBetween(250, 350);
  }

  @Test
  void shouldCarryTheSameFieldsInBulkDocs() throws Exception {
    JsonNode doc = mapper.readTree(Payloads.bulkDocs(new String[] {"a"})).path("docs").get(0);

    assertThat(doc.path("_id").asText()).isEqualTo("a");
    assertThat(doc.path("body").asText()).isEqualTo(Payloads.BODY);
    assertThat(doc.has("title")).isTrue();
  }
}
