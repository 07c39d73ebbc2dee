package io.tributary.bench.jmh;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.topic.Codec;
import io.tributary.protocol.topic.Topics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A change record is encoded once by the ingest tier and decoded once by the projector. */
@State(Scope.Benchmark)
public class ChangeSerdeBenchmark {

  private Codec<ChangeRecord> codec;
  private ChangeRecord change;
  private byte[] bytes;

  @Setup
  public void setUp() {
    codec = Topics.CHANGES.valueCodec();
    change = Fixtures.change(1L << 40);
    bytes = codec.encode(change);
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(change);
  }

  @Benchmark
  public ChangeRecord decode() {
    return codec.decode(bytes);
  }
}
