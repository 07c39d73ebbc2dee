package io.tributary.systemtest;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB memtables of 64 KiB instead of 16 MiB, for projectors that a test kills: RocksDB then
 * flushes to disk every few dozen changes, so a kill finds on disk writes made after the last
 * commit, some of them maybe never logged, as a busy projector's crash does. The projector must
 * then rebuild its store from the changelog (docs/internals.md, "A local store ahead of its
 * changelog"). Given as {@code TRIBUTARY_KAFKA_ROCKSDB_CONFIG_SETTER}.
 */
public final class SmallMemtables implements RocksDBConfigSetter {

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setWriteBufferSize(64 * 1024);
  }

  @Override
  public void close(String storeName, Options options) {}
}
