package io.tributary.bench.jmh;

import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.merge.Resolution;
import io.tributary.protocol.merge.Resolver;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The projector's decision per change under the default policy: a newer write over a document. */
@State(Scope.Benchmark)
public class ResolverBenchmark {

  private final LastWriterWins policy = new LastWriterWins();
  private DocumentVersion current;
  private ChangeRecord newer;

  @Setup
  public void setUp() {
    current = Fixtures.current(1L << 40);
    newer = Fixtures.change((1L << 40) + (1L << 20));
  }

  @Benchmark
  public Resolution lwwOverExisting() {
    return Resolver.resolve(policy, current, newer, 5, 42_000L);
  }

  @Benchmark
  public Resolution lwwNewDocument() {
    return Resolver.resolve(policy, null, newer, 5, 42_000L);
  }
}
