package io.tributary.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was measured on.
 *
 * @param cores processors available to the JVM
 * @param memoryBytes physical memory, or -1 when unknown
 */
public record Machine(
    int cores, long memoryBytes, String cpuModel, String os, String jdk, String jvm) {

  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        readMemTotal(),
        readCpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"));
  }

  public String describe() {
    return cores
        + " cores ("
        + cpuModel
        + "), "
        + (memoryBytes < 0 ? "?" : (memoryBytes >> 20) + " MiB")
        + " RAM, "
        + os
        + ", JDK "
        + jdk;
  }

  private static long readMemTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: unknown.
    }
    return -1;
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: unknown.
    }
    return System.getProperty("os.arch");
  }
}
