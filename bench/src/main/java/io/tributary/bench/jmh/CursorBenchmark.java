package io.tributary.bench.jmh;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorCodec;
import io.tributary.protocol.cursor.CursorParse;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Every pull and every live event encodes a cursor; every pull with a cursor decodes one. */
@State(Scope.Benchmark)
public class CursorBenchmark {

  private CursorCodec codec;
  private Cursor cursor;
  private String wire;

  @Setup
  public void setUp() {
    codec = new CursorCodec("bench-cursor-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    cursor = Fixtures.cursor();
    wire = codec.encode(Fixtures.TENANT, cursor);
  }

  @Benchmark
  public String encode() {
    return codec.encode(Fixtures.TENANT, cursor);
  }

  @Benchmark
  public CursorParse decode() {
    return codec.decode(Fixtures.TENANT, wire);
  }
}
