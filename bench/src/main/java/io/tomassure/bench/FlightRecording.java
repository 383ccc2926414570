package io.tomassure.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A profile of one service through one load step, taken when {@code TOM_BENCH_JFR} names a folder: the step's stretch
 * of the JDK Flight Recorder recording named "bench", dumped by {@code jcmd} to
 * {@code <folder>/<nnn>-<step>-<rate>.jfr}, numbered in the order of the steps. The services must be started with that
 * recording, e.g. with {@code TOM_SERVICE_JAVA_OPTS} holding the usual options and
 * {@code -XX:StartFlightRecording=name=bench,settings=profile}: started by jcmd under load, a recording set
 * assessment-service at a whole core for minutes. Off by default: the figures are taken without it.
 */
final class FlightRecording implements AutoCloseable {
    private static final String FOLDER = System.getenv("TOM_BENCH_JFR");
    private static final AtomicInteger STEPS = new AtomicInteger();

    private final long pid;
    private final Path file;
    private final Instant begin = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** A recording of {@code pid} through the step, or none when no folder is set. */
    static FlightRecording during(long pid, String step, double rate) {
        if (FOLDER == null || FOLDER.isBlank()) {
            return null;
        }
        Path file = Path.of(FOLDER, "%03d-%s-%.0f.jfr".formatted(STEPS.incrementAndGet(), step.replaceAll("\\W+", "-"),
                rate)).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file); // an earlier run's
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlightRecording(pid, file);
    }

    /** Dumps the stretch from the start to now; a dump holds whole chunks, so JfrLayers is told the stretch again. */
    @Override
    public void close() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        String output = jcmd(pid, "JFR.dump", "name=bench", "begin=" + begin, "end=" + end, "filename=" + file);
        if (!Files.isRegularFile(file)) { // jcmd says so, but exits 0
            throw new IllegalStateException("no recording named bench in process " + pid + " (see FlightRecording): "
                    + output);
        }
        System.out.printf("    profile: java bench/src/main/java/io/tomassure/bench/JfrLayers.java --from %s --to %s %s%n",
                begin, end, file);
    }

    private static String jcmd(long pid, String... command) {
        try {
            List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid)));
            args.addAll(List.of(command));
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
