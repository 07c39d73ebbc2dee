package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The check made before Kafka Streams opens a task's RocksDB, on real RocksDB directories: a store
 * whose watermark is above the highest one known to be logged is deleted, any other kept.
 */
class LocalStoreCheckTest {

  @TempDir Path dir;

  @Test
  void keepsAStoreWhoseWatermarkIsLogged() throws Exception {
    Path store = rocksDb(10L, 10L);

    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isFalse();

    assertThat(store.resolve("CURRENT")).exists();
  }

  @Test
  void deletesAStoreWhoseWatermarkIsAboveTheLoggedOne() throws Exception {
    Path store = rocksDb(12L, 10L);

    assertThat(LocalStoreCheck.unloggedWrites(store))
        .hasValueSatisfying(why -> assertThat(why).contains("12").contains("10"));
    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isTrue();

    assertThat(store).doesNotExist();
  }

  @Test
  void deletesAStoreWithAWatermarkAndNoRecordOfWhatIsLogged() throws Exception {
    // A store written before any commit, or by a release that kept no such record
    Path store = rocksDb(3L, null);

    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isTrue();

    assertThat(store).doesNotExist();
  }

  @Test
  void keepsAStoreThatHasProcessedNothing() throws Exception {
    Path store = rocksDb(null, null);

    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isFalse();

    assertThat(store.resolve("CURRENT")).exists();
  }

  @Test
  void keepsAMissingOrEmptyDirectory() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThat(LocalStoreCheck.deleteIfAhead(dir.resolve("missing"), "store")).isFalse();
    assertThat(LocalStoreCheck.deleteIfAhead(empty, "store")).isFalse();

    assertThat(empty).exists();
  }

  @Test
  void deletesADirectoryThatHoldsNoCompleteRocksDb() throws Exception {
    // As a delete cut short by a crash may leave it
    Path store = Files.createDirectories(dir.resolve("partial"));
    Files.write(store.resolve("000012.sst"), new byte[] {1, 2, 3});

    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isTrue();

    assertThat(store).doesNotExist();
  }

  @Test
  void deletesAStoreThatCannotBeRead() throws Exception {
    Path store = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(store.resolve("CURRENT"), "MANIFEST-000099\n");

    assertThat(LocalStoreCheck.unloggedWrites(store))
        .hasValueSatisfying(why -> assertThat(why).startsWith("could not be read"));
    assertThat(LocalStoreCheck.deleteIfAhead(store, "store")).isTrue();

    assertThat(store).doesNotExist();
  }

  /** A RocksDB with the given watermark and logged watermark (null: absent). */
  private Path rocksDb(Long watermark, Long logged) throws RocksDBException {
    Path store = dir.resolve("rocksdb").resolve("tributary-state");
    store.toFile().mkdirs();
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, store.toString())) {
      db.put(new byte[] {'D', 't'}, "{}".getBytes());
      if (watermark != null) {
        db.put(StateStoreView.watermarkKey().get(), offset(watermark));
      }
      if (logged != null) {
        db.put(BatchingStore.LOGGED_KEY.get(), offset(logged));
      }
    }
    return store;
  }

  private static byte[] offset(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }
}
