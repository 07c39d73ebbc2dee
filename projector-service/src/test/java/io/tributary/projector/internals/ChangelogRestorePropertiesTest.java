package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.ChangeRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the changelog of {@code tributary-state} restores, now that a written version's writes are
 * one {@link WriteBatch} record: random histories of writes, deletes, lower-stamped (superseded)
 * changes, re-sent change ids, records replayed after a crash and tenant resets go through {@link
 * ChangeApplier} into a store whose puts and deletes are logged as Kafka Streams logs them; the log
 * is then restored through {@link BatchingStore}'s restore callback, whole and compacted (only the
 * last record of each key, as the changelog topic keeps it). jqwik prints the seed of a failing
 * run; re-run it with {@code @Property(seed = "…")}.
 */
class ChangelogRestorePropertiesTest {

  private static final int PARTITION = 2;
  private static final String[] TENANTS = {"t1", "t2"};
  private static final String[] COLLECTIONS = {"todos", "notes"};
  // One mock context for every store (each new one logs a configuration warning).
  private static final StateStoreContext CONTEXT =
      new MockProcessorContext<>().getStateStoreContext();

  private final ChangeApplier applier =
      new ChangeApplier(PolicyRegistry.uniform(new LastWriterWins()));

  /**
   * One changelog record: its key and value (null for a delete), and the number of the store call
   * that wrote it (records of one {@code putAll} share it: one RocksDB write batch).
   */
  private record Logged(Bytes key, byte[] value, int call) {}

  @Property(tries = 200)
  void theChangelogRestoresTheLiveState(@ForAll Random random) {
    List<Logged> log = new ArrayList<>();
    KeyValueStore<Bytes, byte[]> live = logging(fresh().store, log);
    StateStoreView view = StateStoreView.writable(live);
    History history = new History(random);
    int snapshotStep = random.nextInt(history.steps);
    SortedMap<Bytes, String> snapshot = null;
    int snapshotLogSize = 0;

    for (int step = 0; step < history.steps; step++) {
      if (step == snapshotStep) {
        snapshot = contents(live);
        snapshotLogSize = log.size();
      }
      History.Step next = history.next();
      int before = log.size();
      List<Emission> out = applier.apply(view, next.change(), PARTITION, next.offset());
      if (!next.replay() && out.stream().anyMatch(e -> e instanceof Emission.Version)) {
        // A written version costs two changelog records: its batch and its change id's outcome.
        assertThat(log.size() - before).isEqualTo(2);
      }
    }
    SortedMap<Bytes, String> expected = contents(live);

    // Restored from the whole log
    assertThat(contents(restore(new TreeMap<>(), log))).isEqualTo(expected);

    // Restored from the compacted log, tombstones gone
    List<Logged> compacted = compact(log, 0);
    List<Logged> withoutTombstones = compacted.stream().filter(l -> l.value() != null).toList();
    assertThat(contents(restore(new TreeMap<>(), withoutTombstones))).isEqualTo(expected);

    // Restored from a local copy taken mid-way, then the compacted rest of the log (tombstones
    // kept): the same, apart from index entries of a document's older positions, whose delete was
    // in a batch compaction dropped. Scans skip those (PartitionScanner reads the document's
    // offset).
    SortedMap<Bytes, String> resumed = contents(restore(snapshot, compact(log, snapshotLogSize)));
    assertThat(resumed).containsAllEntriesOf(expected);
    Map<Bytes, String> extra = new LinkedHashMap<>(resumed);
    expected.keySet().forEach(extra::remove);
    assertThat(extra.keySet()).allSatisfy(key -> assertThat(key.get()[0]).isEqualTo((byte) 'I'));

    // A crash may cut the log anywhere, also in the middle of a reset's deletions; compaction of
    // what was written until then must not change what it restores. (Tombstones stay: a restore
    // after a crash comes long before Kafka removes them.)
    for (int cut = 0; cut <= log.size(); cut++) {
      List<Logged> prefix = log.subList(0, cut);
      SortedMap<Bytes, String> whole = contents(restore(new TreeMap<>(), prefix));
      List<Logged> prefixCompacted = compact(prefix, 0);
      assertThat(difference(contents(restore(new TreeMap<>(), prefixCompacted)), whole))
          .as("keys restored otherwise from the first %d records, compacted", cut)
          .isEmpty();
    }
  }

  @Example
  void aReplayWritesTheOutcomeAgainUnderItsOwnKey() {
    // Given a change applied at offset 5 (its batch, then its outcome on its own key)
    List<Logged> log = new ArrayList<>();
    StateStoreView view = StateStoreView.writable(logging(fresh().store, log));
    ChangeRecord change = Changes.write("t1", "todos", "a", "c1").data("v", "1").build();
    applier.apply(view, change, PARTITION, 5);
    int before = log.size();

    // When it is processed again after a crash (which may have lost the second record)
    applier.apply(view, change, PARTITION, 5);

    // Then the outcome is logged again on its own key, and nothing else
    assertThat(log.subList(before, log.size()))
        .singleElement()
        .satisfies(l -> assertThat(l.key().get()[0]).isEqualTo((byte) 'X'));
  }

  @Example
  void aChangeThatWritesNoVersionPutsItsOutcomeAndTheWatermarkInOneWrite() {
    // Given a document written at offset 5
    List<Logged> log = new ArrayList<>();
    StateStoreView view = StateStoreView.writable(logging(fresh().store, log));
    applier.apply(view, Changes.write("t1", "todos", "a", "c1").clock(2000).build(), PARTITION, 5);
    int before = log.size();

    // When a change with an older clock, superseded, is processed at offset 6
    applier.apply(view, Changes.write("t1", "todos", "a", "c2").clock(1000).build(), PARTITION, 6);

    // Then its outcome and the watermark are one write: on disk, never one without the other
    List<Logged> written = log.subList(before, log.size());
    assertThat(written).extracting(l -> (char) l.key().get()[0]).containsExactly('X', 'W');
    assertThat(written.get(0).call()).isEqualTo(written.get(1).call());
  }

  @Example
  void aRestoreNotesTheLastWatermarkItAppliesAsLogged() {
    // Given the changelog of two changes, the second at offset 8
    List<Logged> log = new ArrayList<>();
    StateStoreView view = StateStoreView.writable(logging(fresh().store, log));
    applier.apply(view, Changes.write("t1", "todos", "a", "c1").build(), PARTITION, 7);
    applier.apply(view, Changes.write("t1", "todos", "b", "c2").build(), PARTITION, 8);

    // When a fresh store restores it
    KeyValueStore<Bytes, byte[]> restored = restore(new TreeMap<>(), log);

    // Then it knows its changelog holds the watermark 8 (LocalStoreCheck keeps it)
    assertThat(restored.get(BatchingStore.LOGGED_KEY)).isEqualTo(offset(8));
    assertThat(StateStoreView.writable(restored).watermark()).isEqualTo(8);
  }

  @Example
  void aCommitOfTheChangelogOffsetsNotesTheWatermarkAsLogged() {
    // Given a change processed at offset 5
    KeyValueStore<Bytes, byte[]> store = fresh().store;
    applier.apply(
        StateStoreView.writable(store), Changes.write("t1", "todos", "a", "c1").build(), 2, 5);
    assertThat(store.get(BatchingStore.LOGGED_KEY)).isNull();

    // When Kafka Streams forgets the store's offsets, nothing is vouched for
    store.commit(Map.of());
    assertThat(store.get(BatchingStore.LOGGED_KEY)).isNull();

    // When it commits them, once its producer has flushed, the watermark is logged
    store.commit(Map.of(new TopicPartition("changelog", 2), 11L));
    assertThat(store.get(BatchingStore.LOGGED_KEY)).isEqualTo(offset(5));
  }

  private static byte[] offset(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  /** A random history: mostly fresh changes at rising offsets, some replayed and some resets. */
  private static final class History {
    record Step(ChangeRecord change, long offset, boolean replay) {}

    final int steps;
    private final Random random;
    private final List<Step> done = new ArrayList<>();
    private long offset = 10;
    private long generation;

    History(Random random) {
      this.random = random;
      this.steps = 20 + random.nextInt(60);
    }

    Step next() {
      int dice = random.nextInt(100);
      Step step;
      if (dice < 10 && !done.isEmpty()) {
        Step earlier = done.get(random.nextInt(done.size()));
        step = new Step(earlier.change(), earlier.offset(), true);
      } else if (dice < 15) {
        String tenant = TENANTS[random.nextInt(TENANTS.length)];
        step =
            new Step(
                ChangeRecord.tenantReset("reset-" + offset, tenant, ++generation, 5000, "r", 0),
                offset++,
                false);
      } else {
        String changeId =
            dice < 25 && !done.isEmpty()
                ? done.get(random.nextInt(done.size())).change().changeId()
                : "c" + offset;
        Changes change =
            Changes.write(
                    TENANTS[random.nextInt(TENANTS.length)],
                    COLLECTIONS[random.nextInt(COLLECTIONS.length)],
                    "r" + random.nextInt(6),
                    changeId)
                .data("v", Integer.toString(random.nextInt(1000)))
                .clock(1000 + random.nextInt(500));
        step = new Step((dice < 40 ? change.delete() : change).build(), offset++, false);
      }
      if (!step.replay()) {
        done.add(step);
      }
      return step;
    }
  }

  /** The last record of each key from {@code from} on, in log order, as compaction leaves them. */
  private static List<Logged> compact(List<Logged> log, int from) {
    Map<Bytes, Integer> last = new LinkedHashMap<>();
    for (int i = from; i < log.size(); i++) {
      last.put(log.get(i).key(), i);
    }
    List<Logged> out = new ArrayList<>();
    for (int i = from; i < log.size(); i++) {
      if (last.get(log.get(i).key()) == i) {
        out.add(log.get(i));
      }
    }
    return out;
  }

  /** A fresh store holding {@code local}, then {@code records} given to its restore callback. */
  private static KeyValueStore<Bytes, byte[]> restore(
      SortedMap<Bytes, String> local, List<Logged> records) {
    Fresh fresh = fresh();
    local.forEach((key, value) -> fresh.store.put(key, Base64.getDecoder().decode(value)));
    List<ConsumerRecord<byte[], byte[]>> consumed = new ArrayList<>();
    for (Logged record : records) {
      consumed.add(
          new ConsumerRecord<>(
              "changelog", PARTITION, consumed.size(), record.key().get(), record.value()));
    }
    ((RecordBatchingStateRestoreCallback) fresh.restore).restoreBatch(consumed);
    return fresh.store;
  }

  private record Fresh(KeyValueStore<Bytes, byte[]> store, StateRestoreCallback restore) {}

  /** A {@link BatchingStore} over an in-memory store, and the restore callback it registered. */
  private static Fresh fresh() {
    AtomicReference<StateRestoreCallback> callback = new AtomicReference<>();
    StateStoreContext capturing =
        (StateStoreContext)
            Proxy.newProxyInstance(
                StateStoreContext.class.getClassLoader(),
                new Class<?>[] {StateStoreContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("register")) {
                    callback.set((StateRestoreCallback) args[1]);
                    return null;
                  }
                  return invoke(method, CONTEXT, args);
                });
    KeyValueStore<Bytes, byte[]> store =
        new BatchingStore(Stores.inMemoryKeyValueStore(StateStoreDescriptor.STATE.name()).get());
    store.init(capturing, store);
    return new Fresh(store, callback.get());
  }

  /** {@code store}, with every put and delete appended to {@code log} as Streams would log it. */
  @SuppressWarnings("unchecked")
  private static KeyValueStore<Bytes, byte[]> logging(
      KeyValueStore<Bytes, byte[]> store, List<Logged> log) {
    AtomicInteger calls = new AtomicInteger();
    return (KeyValueStore<Bytes, byte[]>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              int call = calls.incrementAndGet();
              switch (method.getName()) {
                case "put" -> log.add(new Logged((Bytes) args[0], (byte[]) args[1], call));
                case "delete" -> log.add(new Logged((Bytes) args[0], null, call));
                case "putAll" -> {
                  // One record per entry, in order, as Streams' changelogging layer logs them
                  for (KeyValue<Bytes, byte[]> entry : (List<KeyValue<Bytes, byte[]>>) args[0]) {
                    log.add(new Logged(entry.key, entry.value, call));
                  }
                }
                case "putIfAbsent" -> throw new UnsupportedOperationException(method.getName());
                default -> {}
              }
              return invoke(method, store, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The keys whose values differ, each with both values (absent: null). */
  private static Map<Bytes, String> difference(
      SortedMap<Bytes, String> actual, SortedMap<Bytes, String> expected) {
    Map<Bytes, String> out = new TreeMap<>();
    for (Bytes key : union(actual, expected)) {
      String a = actual.get(key);
      String e = expected.get(key);
      if (a == null ? e != null : !a.equals(e)) {
        out.put(key, "restored " + a + ", expected " + e);
      }
    }
    return out;
  }

  private static java.util.Set<Bytes> union(Map<Bytes, String> a, Map<Bytes, String> b) {
    java.util.Set<Bytes> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static SortedMap<Bytes, String> contents(KeyValueStore<Bytes, byte[]> store) {
    SortedMap<Bytes, String> out = new TreeMap<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        // What the store knows to be logged is its own, local only.
        if (!kv.key.equals(BatchingStore.LOGGED_KEY)) {
          out.put(kv.key, Base64.getEncoder().encodeToString(kv.value));
        }
      }
    }
    return out;
  }
}
