package io.tributary.bench.workload;

import io.tributary.bench.Dirs;
import io.tributary.bench.RunContext;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.workload.PassThroughTopology.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Workload 2: the same number of records as the distinct push run moved through {@link
 * PassThroughTopology} on the server's own broker, with the projector's Streams settings; the ratio
 * push ÷ pass-through says how much of the platform's limit Tributary uses.
 */
public final class PassThroughLimit {

  static final String NAME = "limit";
  static final int PARTITIONS = 12;
  static final int RECORD_BYTES = 300;

  /** The second output's partitions in the five-record run, as {@code outcomes} has by default. */
  static final int REPLY_PARTITIONS = 6;

  private PassThroughLimit() {}

  public static void run(RunContext ctx) throws Exception {
    PushThroughput.Distinct distinct = PushThroughput.distinct(ctx);
    PushLoop.Result push = distinct.load();
    long records = Math.max(push.accepted(), 50_000);
    // The server was warmed up by the push run; this JVM's Streams and producer get an uncounted
    // run of their own, so both sides of the ratio are measured with compiled code.
    long warmup = ctx.options().integer("limit.warmup.records");
    if (warmup > 0) {
      measure(ctx, ctx.tenant("limit-warmup"), warmup, Shape.ONE_OUTPUT);
    }
    Measured limit = measure(ctx, ctx.tenant("limit"), records, Shape.ONE_OUTPUT);
    Measured changeShaped = measure(ctx, ctx.tenant("limit-5"), records, Shape.AS_A_CHANGE);
    ctx.setting(
        "limit",
        records
            + " records of "
            + RECORD_BYTES
            + " B, "
            + PARTITIONS
            + " partitions, at_least_once, commit 100 ms, producer linger 1 ms, 1 stream thread,"
            + " after an uncounted run of "
            + warmup
            + " records; the five-record run puts a second value of "
            + PassThroughTopology.REPLY_BYTES
            + " B and writes it to a second topic of "
            + REPLY_PARTITIONS
            + " partitions");
    ctx.add(
        Metric.of(
            NAME,
            "Streams pass-through records/s (one RocksDB store)",
            limit.perSecond(),
            "records/s"));
    ctx.add(
        new Metric(
            NAME,
            "push (distinct) ÷ pass-through",
            push.acceptedPerSecond() / limit.perSecond(),
            "ratio",
            Target.atLeast(0.5)));
    if (!Double.isNaN(limit.cpuMicrosPerRecord())
        && !Double.isNaN(distinct.serverCpuMicrosPerChange())) {
      ctx.add(
          Metric.of(
              NAME,
              "CPU per pass-through record (broker, topology, producer)",
              limit.cpuMicrosPerRecord(),
              "µs"));
      ctx.add(
          Metric.of(
              NAME,
              "CPU per pass-through record ÷ server CPU per accepted change",
              limit.cpuMicrosPerRecord() / distinct.serverCpuMicrosPerChange(),
              "ratio"));
    }
    // What the record count of a change alone allows: the pass-through moving five Kafka records
    // per record (read, two changelog records, two outputs), as the projector does per change.
    ctx.add(
        Metric.of(
            NAME,
            "Streams pass-through records/s, 5 Kafka records each (as a change)",
            changeShaped.perSecond(),
            "records/s"));
    ctx.add(
        Metric.of(
            NAME,
            "push (distinct) ÷ 5-record pass-through",
            push.acceptedPerSecond() / changeShaped.perSecond(),
            "ratio"));
    if (!Double.isNaN(changeShaped.cpuMicrosPerRecord())) {
      ctx.add(
          Metric.of(
              NAME,
              "CPU per 5-record pass-through record",
              changeShaped.cpuMicrosPerRecord(),
              "µs"));
    }
  }

  /**
   * One pass-through run: records per second from the first send to the last record processed, and
   * the CPU time of the server (its broker) and of this JVM (topology and producer) per record.
   */
  record Measured(double perSecond, double cpuMicrosPerRecord) {}

  static Measured measure(RunContext ctx, String name, long records, Shape shape) throws Exception {
    String bootstrap = ctx.bootstrapServers();
    String in = name + ".in";
    String out = name + ".out";
    String replies = name + ".replies";
    List<NewTopic> topics = new ArrayList<>();
    topics.add(new NewTopic(in, PARTITIONS, (short) 1));
    topics.add(new NewTopic(out, PARTITIONS, (short) 1));
    if (shape == Shape.AS_A_CHANGE) {
      topics.add(new NewTopic(replies, REPLY_PARTITIONS, (short) 1));
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
    Path stateDir = Files.createTempDirectory("tributary-bench-limit-");
    AtomicLong processed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    KafkaStreams streams =
        new KafkaStreams(
            PassThroughTopology.build(shape, in, out, replies, processed, records, done),
            streamsProperties(bootstrap, name, stateDir));
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    try {
      streams.start();
      if (!running.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The pass-through topology did not start in 120 s");
      }
      byte[] value = "x".repeat(RECORD_BYTES).getBytes(StandardCharsets.UTF_8);
      CpuClock cpu = CpuClock.ofServerAndThisJvm(ctx);
      long start = System.nanoTime();
      try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
        for (long i = 0; i < records; i++) {
          producer.send(new ProducerRecord<>(in, "t/notes/k" + i, value));
        }
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            "The pass-through topology processed " + processed.get() + " of " + records);
      }
      double perSecond = records * 1e9 / (System.nanoTime() - start);
      return new Measured(perSecond, cpu.microsPer(records));
    } finally {
      streams.close();
      streams.cleanUp();
      Dirs.deleteRecursively(stateDir);
    }
  }

  private static Properties streamsProperties(String bootstrap, String appId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
    return props;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
