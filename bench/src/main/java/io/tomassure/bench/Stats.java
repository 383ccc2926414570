package io.tomassure.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * What one load step measured: the rate offered, the rate achieved, errors, and latency percentiles in milliseconds.
 *
 * @param report the step's Gatling HTML report, when there is one
 * @param cpu where the CPU went meanwhile, in percent of one core by part ({@link CpuUse#stop}); empty when not measured
 */
public record Stats(String name, double offered, long requests, long errors, double throughput, double p50, double p95,
        double p99, double max, Path report, Map<String, Double> cpu) {

    Stats withCpu(Map<String, Double> use) {
        return new Stats(name, offered, requests, errors, throughput, p50, p95, p99, max, report, use);
    }

    /** The same figures under another name: a run's, among repeated runs. */
    Stats named(String other) {
        return new Stats(other, offered, requests, errors, throughput, p50, p95, p99, max, report, cpu);
    }

    /** Milliseconds of CPU per request served ({@link CpuUse#msPerRequest}), NaN when not measured. */
    public double cpuMsPerRequest() {
        return CpuUse.msPerRequest(cpu, throughput);
    }

    /**
     * From the "All Requests" row of Gatling's HTML report ({@code index.html}): total, OK, KO, % KO, count per
     * second, min, then percentiles 50, 75, 95, 99 (Gatling's defaults), max, mean, deviation; times in ms.
     */
    public static Stats fromGatlingReport(String name, double offered, String indexHtml, Path report) {
        int start = indexHtml.indexOf("<tr id=\"ROOT\"");
        if (start < 0) {
            throw new IllegalStateException("no 'All Requests' row in Gatling's report for " + name);
        }
        String row = indexHtml.substring(start, indexHtml.indexOf("</tr>", start));
        Map<Integer, String> cells = new HashMap<>();
        Matcher cell = CELL.matcher(row);
        while (cell.find()) {
            cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim().replace(",", ""));
        }
        return new Stats(name, offered, number(cells, 2).longValue(), number(cells, 4).longValue(), number(cells, 6),
                number(cells, 8), number(cells, 10), number(cells, 11), number(cells, 12), report, Map.of());
    }

    private static final Pattern CELL = Pattern.compile("class=\"value [a-z]+ col-(\\d+)\">([^<]*)<");

    private static Double number(Map<Integer, String> cells, int column) {
        String value = cells.get(column);
        return value == null || value.isEmpty() || value.equals("-") ? 0.0 : Double.parseDouble(value);
    }

    /** From latencies measured by the harness itself (milliseconds), over {@code seconds}. */
    public static Stats of(String name, double offered, double[] latencies, long errors, double seconds) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Stats(name, offered, sorted.length + errors, errors, seconds > 0 ? sorted.length / seconds : 0,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], null, Map.of());
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% of them at or below it. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Kept up: nothing failed, at least 95% of the offered rate was served (Gatling counts the step's last second of
     * draining, about 3% of a 30-second step), and the 99th percentile stayed under a second: a server that falls
     * behind builds a queue, and its latency grows with it.
     */
    public boolean sustained() {
        return errors == 0 && throughput >= 0.95 * offered && p99 <= 1000;
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
