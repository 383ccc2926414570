package io.tomassure.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import io.tomassure.bench.Stats;

/** Runs a {@link LoadPlan} through Gatling in this JVM and reads its figures back from the HTML report's data. */
public final class Gatling {
    private final Path results;

    public Gatling(Path results) {
        this.results = results;
    }

    public Stats run(LoadPlan plan) {
        LoadPlan.set(plan);
        try {
            Files.createDirectories(results);
            int exit = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", PlannedLoad.class.getName(),
                    "--results-folder", results.toString(),
                    "--run-description", plan.name() + " at " + plan.rate() + "/s" });
            if (exit != 0) {
                throw new IllegalStateException("Gatling ended with " + exit + " for " + plan.name());
            }
            Path report = latestReport();
            return Stats.fromGatlingReport(plan.name(), plan.rate(), Files.readString(report.resolve("index.html")), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LoadPlan.set(null);
        }
    }

    private Path latestReport() throws IOException {
        try (var reports = Files.list(results)) {
            return reports.filter(Files::isDirectory).max(Comparator.comparing(Gatling::modified))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report in " + results));
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
