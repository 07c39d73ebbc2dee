package io.tributary.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link RunReport} as JSON, for tools that compare runs. */
public final class JsonReport {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static ObjectNode tree(RunReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("command", report.command());
    root.put("startedAt", report.startedAt().toString());
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", report.machine().cores());
    machine.put("memoryBytes", report.machine().memoryBytes());
    machine.put("cpu", report.machine().cpuModel());
    machine.put("os", report.machine().os());
    machine.put("jdk", report.machine().jdk());
    machine.put("jvm", report.machine().jvm());
    ObjectNode settings = root.putObject("settings");
    report.settings().forEach(settings::put);
    ArrayNode metrics = root.putArray("metrics");
    for (Metric m : report.metrics()) {
      ObjectNode node = metrics.addObject();
      node.put("workload", m.workload());
      node.put("name", m.name());
      node.put("value", m.value());
      node.put("unit", m.unit());
      if (m.target() != null) {
        node.put("target", m.target().toString());
        node.put("met", m.target().isMetBy(m.value()));
      }
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    return root;
  }

  public static String render(RunReport report) {
    try {
      return MAPPER.writeValueAsString(tree(report));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A report tree always serialises", e);
    }
  }
}
