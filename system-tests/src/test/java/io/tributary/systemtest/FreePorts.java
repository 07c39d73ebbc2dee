package io.tributary.systemtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports on 127.0.0.1 for services that run in processes of their own, so the test must
 * name their ports up front.
 *
 * <p>Ports are taken outside the kernel's ephemeral range ({@code ip_local_port_range}): the kernel
 * never hands those out as the source port of an outgoing connection, so a port stays free while
 * its service is down and the service can bind it again when it restarts. Each port is checked by
 * binding it once; a port handed out by this object is never handed out again by it.
 */
final class FreePorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final int HIGHEST = 65_535;
  private static final int MIN_CANDIDATES = 1_000;
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  private static final int DEFAULT_EPHEMERAL_HIGH = 60_999;
  private static final int ATTEMPTS = 200;

  private final Set<Integer> handedOut = new HashSet<>();

  /** A port that was free a moment ago, outside the ephemeral range, not handed out before. */
  synchronized int next() {
    int[] range = candidateRange();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(range[0], range[1]);
      if (!handedOut.contains(port) && bindable(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port in [" + range[0] + ", " + range[1] + ") after " + ATTEMPTS + " attempts");
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** [from, to) of candidate ports: below the ephemeral range, else above it. */
  private static int[] candidateRange() {
    int low = DEFAULT_EPHEMERAL_LOW;
    int high = DEFAULT_EPHEMERAL_HIGH;
    // A line read, not Files.readString: /proc files report size 0 and come back cut short.
    try (BufferedReader r = Files.newBufferedReader(EPHEMERAL_RANGE, StandardCharsets.US_ASCII)) {
      String[] range = r.readLine().trim().split("\\s+");
      int readLow = Integer.parseInt(range[0]);
      int readHigh = Integer.parseInt(range[1]);
      low = readLow;
      high = readHigh;
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: assume the kernel's default range
    }
    if (low - LOWEST >= MIN_CANDIDATES) {
      return new int[] {LOWEST, low};
    }
    if (HIGHEST - high >= MIN_CANDIDATES) {
      return new int[] {high + 1, HIGHEST + 1};
    }
    return new int[] {LOWEST, HIGHEST + 1};
  }
}
