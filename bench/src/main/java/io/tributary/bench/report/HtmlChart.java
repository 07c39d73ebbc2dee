package io.tributary.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link RunReport} as one self-contained HTML page: one horizontal bar chart (inline SVG) per
 * unit, so bars that share a scale are drawn together, then the table. No scripts, no external
 * resources: the page opens anywhere and diffs as text.
 */
public final class HtmlChart {

  private static final int BAR_HEIGHT = 22;
  private static final int LABEL_WIDTH = 420;
  private static final int PLOT_WIDTH = 420;

  private HtmlChart() {}

  public static String render(RunReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Tributary benchmarks: ")
        .append(escape(report.command()))
        .append("</title><style>body{font-family:sans-serif;margin:2em}")
        .append("td,th{padding:2px 8px;text-align:left}.missed{color:#b00}</style></head><body>\n");
    html.append("<h1>Tributary benchmarks: ").append(escape(report.command())).append("</h1>\n");
    html.append("<p>")
        .append(escape(report.startedAt().toString()))
        .append(" · ")
        .append(escape(report.machine().describe()))
        .append("</p>\n");
    for (Map.Entry<String, List<Metric>> group : byUnit(report.metrics()).entrySet()) {
      html.append("<h2>").append(escape(group.getKey())).append("</h2>\n");
      html.append(svg(group.getValue()));
    }
    html.append("<h2>Table</h2>\n<table><tr><th>workload</th><th>metric</th><th>value</th>")
        .append("<th>unit</th><th>target</th><th></th></tr>\n");
    for (Metric m : report.metrics()) {
      html.append("<tr><td>")
          .append(escape(m.workload()))
          .append("</td><td>")
          .append(escape(m.name()))
          .append("</td><td>")
          .append(escape(m.formattedValue()))
          .append("</td><td>")
          .append(escape(m.unit()))
          .append("</td><td>")
          .append(m.target() == null ? "" : escape(m.target().toString()))
          .append("</td><td")
          .append(m.verdict().equals("MISSED") ? " class=\"missed\">" : ">")
          .append(m.verdict())
          .append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Settings</h2>\n<ul>\n");
    report
        .settings()
        .forEach(
            (k, v) ->
                html.append("<li>")
                    .append(escape(k))
                    .append(" = ")
                    .append(escape(v))
                    .append("</li>\n"));
    html.append("</ul>\n");
    for (String note : report.notes()) {
      html.append("<p>").append(escape(note)).append("</p>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  static Map<String, List<Metric>> byUnit(List<Metric> metrics) {
    Map<String, List<Metric>> groups = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (!Double.isNaN(m.value())) {
        groups.computeIfAbsent(m.unit(), u -> new ArrayList<>()).add(m);
      }
    }
    return groups;
  }

  static String svg(List<Metric> metrics) {
    double max = 0;
    for (Metric m : metrics) {
      max = Math.max(max, Math.abs(m.value()));
      if (m.target() != null) {
        max = Math.max(max, m.target().bound());
      }
    }
    double scale = max == 0 ? 0 : PLOT_WIDTH / max;
    int height = metrics.size() * BAR_HEIGHT + 4;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-size=\"12\">\n",
            LABEL_WIDTH + PLOT_WIDTH + 120,
            height));
    for (int i = 0; i < metrics.size(); i++) {
      Metric m = metrics.get(i);
      int y = i * BAR_HEIGHT + 2;
      double w = Math.abs(m.value()) * scale;
      String colour = m.verdict().equals("MISSED") ? "#c44" : "#4a7";
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
              LABEL_WIDTH - 6,
              y + 15,
              escape(m.workload() + ": " + m.name()),
              LABEL_WIDTH,
              y + 2,
              w,
              BAR_HEIGHT - 6,
              colour,
              LABEL_WIDTH + w + 4,
              y + 15,
              escape(m.formattedValue())));
      if (m.target() != null) {
        double x = LABEL_WIDTH + m.target().bound() * scale;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\""
                    + " stroke-dasharray=\"3,2\"><title>target %s</title></line>\n",
                x,
                x,
                y,
                y + BAR_HEIGHT - 2,
                escape(m.target().toString())));
      }
    }
    return svg.append("</svg>\n").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
