package io.tributary.projector.internals;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology's one processor: applies each change record with {@link ChangeApplier} and forwards
 * replies to the outcomes sink and versions to the documents sink.
 */
public final class ChangeProcessor implements Processor<String, ChangeRecord, String, Emission> {

  private static final Logger log = LoggerFactory.getLogger(ChangeProcessor.class);

  private final ChangeApplier applier;
  private ProcessorContext<String, Emission> context;
  private StateStoreView store;

  public ChangeProcessor(PolicyRegistry policies) {
    this(policies, ProcessedChanges.NONE);
  }

  public ChangeProcessor(PolicyRegistry policies, ProcessedChanges processed) {
    this.applier = new ChangeApplier(policies, processed);
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    this.context = context;
    this.store = StateStoreView.writable(context.getStateStore(StateStoreDescriptor.STATE.name()));
  }

  @Override
  public void process(Record<String, ChangeRecord> record) {
    RecordMetadata meta =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("change record without a position"));
    if (record.value() == null) {
      log.warn(
          "Skipped a change record without value at {}-{} offset {}",
          meta.topic(),
          meta.partition(),
          meta.offset());
      return;
    }
    List<Emission> emissions =
        applier.apply(store, record.value(), meta.partition(), meta.offset());
    for (Emission emission : emissions) {
      forward(record, emission);
    }
  }

  private void forward(Record<String, ChangeRecord> in, Emission emission) {
    // Same timestamp as the change (deterministic); the change's headers stay behind.
    Record<String, Emission> base =
        new Record<>(null, emission, in.timestamp(), new RecordHeaders());
    if (emission instanceof Emission.Reply reply) {
      context.forward(
          base.withKey(reply.outcome().correlationId()), ProjectorTopology.OUTCOMES_SINK);
    } else if (emission instanceof Emission.Version version) {
      context.forward(
          base.withKey(version.version().key().toKafkaKey()), ProjectorTopology.DOCUMENTS_SINK);
    } else if (emission instanceof Emission.TenantReset reset) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(
          Topics.TENANT_RESET_HEADER,
          Long.toString(reset.generation()).getBytes(StandardCharsets.UTF_8));
      context.forward(
          new Record<>(reset.tenant(), (Emission) reset, in.timestamp(), headers),
          ProjectorTopology.DOCUMENTS_SINK);
    }
  }
}
