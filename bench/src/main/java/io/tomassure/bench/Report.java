package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/benchmarks.md as the harness measured it: the targets table first, then one section per scenario. */
final class Report {
    record Target(String figure, String target, String measured, boolean met, String note) {
    }

    private final List<Target> targets = new ArrayList<>();
    private static final String ANALYSIS_START = "<!-- analysis:%s -->";
    private static final String ANALYSIS_END = "<!-- /analysis:%s -->";

    private final StringBuilder sections = new StringBuilder();
    private final Map<String, String> analysis = new HashMap<>();

    void target(String figure, String target, String measured, boolean met, String note) {
        targets.add(new Target(figure, target, measured, met, note));
    }

    /**
     * A scenario's figures, then its analysis: the paragraph a person wrote under {@code key} in the existing file,
     * kept from run to run (figures are the harness's to write, explanations are not).
     */
    void section(String key, String title, String figures) {
        sections.append("\n## ").append(title).append("\n\n").append(figures.strip()).append("\n\n").append(analysisBlock(key));
    }

    /** The analysis kept under {@code key}, between its markers. */
    private String analysisBlock(String key) {
        return ANALYSIS_START.formatted(key) + '\n' + analysis.getOrDefault(key, "(analysis to write)") + '\n'
                + ANALYSIS_END.formatted(key) + '\n';
    }

    /** Reads the analysis paragraphs of the file this report will replace. */
    Report keepingAnalysisOf(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            Matcher m = Pattern.compile("<!-- analysis:([\\w-]+) -->\n(.*?)\n<!-- /analysis:\\1 -->", Pattern.DOTALL)
                    .matcher(Files.readString(file));
            while (m.find()) {
                analysis.put(m.group(1), m.group(2));
            }
        }
        return this;
    }

    /** A table of load steps. */
    static String table(List<Stats> steps) {
        StringBuilder md = new StringBuilder("| step | offered/s | served/s | requests | errors | p50 ms | p95 ms | p99 ms | max ms "
                + "| CPU ms per request | CPU by part (two cores = 200%) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Stats s : steps) {
            md.append("| %s | %,.0f | %,.0f | %,d | %,d | %.0f | %.0f | %.0f | %.0f | %s | %s |%n".formatted(s.name(), s.offered(),
                    s.throughput(), s.requests(), s.errors(), s.p50(), s.p95(), s.p99(), s.max(), cpuMs(s),
                    CpuUse.describe(s.cpu())));
        }
        return md.toString();
    }

    private static String cpuMs(Stats step) {
        double ms = step.cpuMsPerRequest();
        return Double.isNaN(ms) ? "" : "%.2f".formatted(ms);
    }

    void write(Path file, String header) throws IOException {
        StringBuilder md = new StringBuilder(header.strip()).append("\n\n## Targets\n\n")
                .append("| figure | target | measured | met | note |\n|---|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| %s | %s | %s | %s | %s |%n".formatted(t.figure(), t.target(), t.measured(), t.met() ? "yes" : "**no**",
                    t.note()));
        }
        md.append('\n').append(analysisBlock("targets")); // what is missed, by how much and why
        md.append(sections);
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
    }
}
