package io.tributary.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.protocol.model.DocumentVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberRegistryTest {

  private final SubscriberRegistry registry =
      new SubscriberRegistry(new IngestMetrics(new SimpleMeterRegistry()));

  @Test
  void shouldListenToATenantOnlyWhileOneOfItsStreamsIsOpen() {
    Recorder acme = new Recorder("acme");
    Recorder other = new Recorder("acme");

    registry.register(acme);
    registry.register(other);
    registry.unregister(acme);

    assertThat(registry.listensTo("acme")).isTrue();
    assertThat(registry.listensTo("acm")).isFalse();
    assertThat(registry.listensTo("globex")).isFalse();

    registry.unregister(other);
    assertThat(registry.listensTo("acme")).isFalse();
  }

  @Test
  void shouldHandEachSubscriberOnlyItsTenantsVersionsInOrder() {
    Recorder acme = new Recorder("acme");
    Recorder globex = new Recorder("globex");
    registry.register(acme);
    registry.register(globex);

    registry.publish(List.of(version("acme", 1), version("globex", 2), version("acme", 3)));

    assertThat(acme.seen).extracting(DocumentVersion::offset).containsExactly(1L, 3L);
    assertThat(globex.seen).extracting(DocumentVersion::offset).containsExactly(2L);
  }

  private static DocumentVersion version(String tenant, long offset) {
    return new DocumentVersion(
        tenant,
        "todos",
        "d" + offset,
        JsonNodeFactory.instance.objectNode(),
        false,
        "r" + offset,
        0,
        offset,
        offset,
        offset,
        "c" + offset);
  }

  private static final class Recorder implements LiveSubscriber {
    final String tenant;
    final List<DocumentVersion> seen = new ArrayList<>();

    Recorder(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public String tenant() {
      return tenant;
    }

    @Override
    public void offer(List<DocumentVersion> versions) {
      seen.addAll(versions);
    }

    @Override
    public void tenantReset() {}

    @Override
    public void shutdown() {}

    @Override
    public String transport() {
      return "sse";
    }
  }
}
