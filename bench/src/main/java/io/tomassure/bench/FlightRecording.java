package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A profile of one service through one load step, taken when {@code TOM_BENCH_JFR} names a folder: a JDK Flight
 * Recorder recording with its "profile" settings, started and stopped by {@code jcmd}, written to
 * {@code <folder>/<step>-<rate>.jfr}. Off by default: the figures are taken without it.
 */
final class FlightRecording implements AutoCloseable {
    private static final String FOLDER = System.getenv("TOM_BENCH_JFR");

    private final long pid;

    private FlightRecording(long pid) {
        this.pid = pid;
    }

    /** A recording of {@code pid} through the step, or none when no folder is set. */
    static FlightRecording during(long pid, String step, double rate) {
        if (FOLDER == null || FOLDER.isBlank()) {
            return null;
        }
        try {
            Files.createDirectories(Path.of(FOLDER));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path file = Path.of(FOLDER, "%s-%.0f.jfr".formatted(step.replaceAll("\\W+", "-"), rate)).toAbsolutePath();
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
        return new FlightRecording(pid);
    }

    @Override
    public void close() {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    private static void jcmd(long pid, String... command) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            args.addAll(List.of(command));
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
