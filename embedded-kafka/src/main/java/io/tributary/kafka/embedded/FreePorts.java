package io.tributary.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Asks the OS for a free port on the loopback interface. The port is released before the broker
 * binds it, so another process may take it in between: callers retry on a bind failure.
 */
final class FreePorts {

  private FreePorts() {}

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on the loopback interface", e);
    }
  }

  /** A free port different from {@code other}. */
  static int pickOtherThan(int other) {
    int port = pick();
    while (port == other) {
      port = pick();
    }
    return port;
  }
}
