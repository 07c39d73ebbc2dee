package io.tributary.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link RunReport} as the plain-text (and Markdown-compatible) result table. */
public final class TextTable {

  private static final String[] HEADER = {"workload", "metric", "value", "unit", "target", ""};

  private TextTable() {}

  public static String render(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Tributary benchmarks: ").append(report.command()).append('\n');
    out.append("started ").append(report.startedAt()).append('\n');
    out.append("machine ").append(report.machine().describe()).append('\n');
    for (Map.Entry<String, String> s : report.settings().entrySet()) {
      out.append("  ").append(s.getKey()).append(" = ").append(s.getValue()).append('\n');
    }
    out.append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Metric m : report.metrics()) {
      rows.add(
          new String[] {
            m.workload(),
            m.name(),
            m.formattedValue(),
            m.unit(),
            m.target() == null ? "" : m.target().toString(),
            m.verdict()
          });
    }
    out.append(markdown(rows));
    for (String note : report.notes()) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }

  /** Rows as an aligned Markdown table; the first row is the header. */
  static String markdown(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], Math.max(3, row[c].length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      line(out, rows.get(r), width);
      if (r == 0) {
        String[] rule = new String[columns];
        for (int c = 0; c < columns; c++) {
          rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int c = 0; c < cells.length; c++) {
      out.append(' ').append(cells[c]);
      out.append(" ".repeat(width[c] - cells[c].length())).append(" |");
    }
    out.append('\n');
  }
}
