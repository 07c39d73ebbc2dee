package io.tributary.projector.internals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a task's RocksDB may hold writes its changelog lacks, read before Kafka Streams opens it
 * (docs/internals.md, "A local store ahead of its changelog"). Kafka Streams writes RocksDB without
 * its write-ahead log and logs asynchronously, so a memtable flushed just before a crash, or
 * flushed as a task is closed after its producer failed, can leave on disk writes that never
 * reached the changelog; restoring the changelog over them does not undo them. {@link
 * BatchingStore} keeps, beside the watermark {@code W}, the highest watermark known to be in the
 * changelog ({@code L}, local only): a store whose {@code W} is above its {@code L} is deleted, and
 * Kafka Streams restores it whole. Deleting is always safe (the changelog holds every logged
 * write); it only costs the restore.
 */
final class LocalStoreCheck {

  private static final Logger log = LoggerFactory.getLogger(LocalStoreCheck.class);

  private LocalStoreCheck() {}

  /** Where Kafka Streams keeps the RocksDB of store {@code name} in a task's directory. */
  static Path rocksDbDir(Path taskDir, String name) {
    return taskDir.resolve("rocksdb").resolve(name);
  }

  /**
   * Deletes the store in {@code dir} if it may hold writes its changelog lacks.
   *
   * @return whether it was deleted
   */
  static boolean deleteIfAhead(Path dir, String what) {
    Optional<String> why = unloggedWrites(dir);
    if (why.isEmpty()) {
      return false;
    }
    log.warn(
        "{} {}: deleting it, Kafka Streams restores it whole from its changelog", what, why.get());
    deleteRecursively(dir);
    return true;
  }

  /**
   * Why the store in {@code dir} may hold writes its changelog lacks; empty when it holds none, or
   * there is no store.
   */
  static Optional<String> unloggedWrites(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return isEmpty(dir)
          ? Optional.empty()
          : Optional.of("holds files but no complete RocksDB (a delete cut short?)");
    }
    try (Options options = new Options()) {
      List<ColumnFamilyDescriptor> families = new ArrayList<>();
      for (byte[] family : RocksDB.listColumnFamilies(options, dir.toString())) {
        families.add(new ColumnFamilyDescriptor(family));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      // Two point reads: no need to open every table file up front, as a full open does.
      try (DBOptions dbOptions = new DBOptions().setMaxOpenFiles(16);
          RocksDB db = RocksDB.openReadOnly(dbOptions, dir.toString(), families, handles)) {
        try {
          return judge(
              db.get(StateStoreView.watermarkKey().get()), db.get(BatchingStore.LOGGED_KEY.get()));
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException | IllegalArgumentException e) {
      // IllegalArgumentException: RocksDB found no column family to open
      return Optional.of("could not be read (" + e.getMessage() + ")");
    }
  }

  /** The rule, on the stored watermark and the highest one known to be logged (null: absent). */
  static Optional<String> judge(byte[] watermark, byte[] logged) {
    if (watermark == null) {
      return Optional.empty();
    }
    long w = ByteBuffer.wrap(watermark).getLong();
    if (logged == null) {
      return Optional.of(
          "holds changes up to offset " + w + " and no record of which its changelog holds");
    }
    long l = ByteBuffer.wrap(logged).getLong();
    if (w > l) {
      return Optional.of(
          "holds changes up to offset "
              + w
              + ", its changelog surely only up to "
              + l
              + " (an unclean stop)");
    }
    return Optional.empty();
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
