package io.tributary.kafka.embedded;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server configuration of a single-node KRaft broker+controller bound to the loopback
 * interface.
 */
final class BrokerProperties {

  static final String HOST = "127.0.0.1";
  static final int NODE_ID = 1;

  private BrokerProperties() {}

  static Properties of(Path logDir, BrokerPorts ports) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.controllerPort());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + ports.brokerPort()
            + ",CONTROLLER://"
            + HOST
            + ":"
            + ports.controllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + ports.brokerPort());
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

    // One node: every internal topic must fit on it, or groups and transactions hang.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");

    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // The default 128 MiB dedupe buffer is far more than a laptop-sized node needs.
    p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
    p.setProperty("auto.create.topics.enable", "false");
    return p;
  }
}
