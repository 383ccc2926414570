package io.tomassure.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tomassure.stack.TomService;

/**
 * Where the machine's CPU went during a load: the CPU time (user + system, from /proc) each part of the stack used,
 * as a share of the two cores' wall time. Parts are told apart by process: the services by pid, PostgreSQL's
 * backends by name, Kafka and Keycloak by their command lines, the load generator being this JVM.
 */
final class CpuUse {
    /** Clock ticks per second of /proc/[pid]/stat on Linux. */
    static final double TICKS = 100.0;
    static final String LOAD_GENERATOR = "load generator";
    private static final String OTHER = "other";

    private final Bench bench;
    private final Map<Long, Long> startTicks;
    private final long startNanos;

    private CpuUse(Bench bench) {
        this.bench = bench;
        this.startTicks = ticksByPid();
        this.startNanos = System.nanoTime();
    }

    static CpuUse start(Bench bench) {
        return new CpuUse(bench);
    }

    /** The share of all cores' time each part used since the start, in percent of one core, largest first. */
    Map<String, Double> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> byPart = new HashMap<>();
        ticksByPid().forEach((pid, ticks) -> {
            long used = ticks - startTicks.getOrDefault(pid, 0L);
            if (used > 0) {
                byPart.merge(part(bench, pid), used / TICKS / seconds * 100, Double::sum);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byPart.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Milliseconds of CPU per request served, by every part but the load generator and the processes no part claims:
     * what the system under test spent on each. NaN when nothing was measured or served.
     */
    static double msPerRequest(Map<String, Double> use, double servedPerSecond) {
        double percent = use.entrySet().stream().filter(e -> !e.getKey().equals(LOAD_GENERATOR) && !e.getKey().equals(OTHER))
                .mapToDouble(Map.Entry::getValue).sum();
        return use.isEmpty() || servedPerSecond <= 0 ? Double.NaN : percent * 10 / servedPerSecond; // % of a core-second, in ms
    }

    /** One line: "assessment-service 80%, postgres 45%, ..." (of one core; two cores make 200%). */
    static String describe(Map<String, Double> use) {
        StringBuilder line = new StringBuilder();
        use.forEach((part, percent) -> {
            if (percent >= 1) {
                line.append(line.isEmpty() ? "" : ", ").append(part).append(' ').append(Math.round(percent)).append('%');
            }
        });
        return line.toString();
    }

    /** The part of the stack a process belongs to: a service, "postgres", "kafka", ..., or "other". */
    static String part(Bench bench, long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return LOAD_GENERATOR;
        }
        for (TomService service : TomService.values()) {
            if (pid == bench.stack.pid(service)) {
                return service.module();
            }
        }
        String command = read(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        if (command.startsWith("postgres") || command.contains("/bin/postgres")) {
            return "postgres";
        }
        if (command.contains(Peer.APP)) {
            return "peer";
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (command.contains("keycloak")) {
            return "keycloak";
        }
        return OTHER;
    }

    /** utime + stime of every process still there. */
    private static Map<Long, Long> ticksByPid() {
        Map<Long, Long> ticks = new HashMap<>();
        for (Path process : processes()) {
            String[] fields = statFields(read(process.resolve("stat")));
            if (fields.length > 12) {
                ticks.put(Long.parseLong(process.getFileName().toString()), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        }
        return ticks;
    }

    /** Every process's folder in /proc. */
    static List<Path> processes() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fields of a process's or thread's {@code stat} after its command name (which may hold spaces), so that
     * field N of proc(5) is at index N - 3; none when it has ended.
     */
    static String[] statFields(String stat) {
        int end = stat.lastIndexOf(')');
        return end < 0 ? new String[0] : stat.substring(end + 2).split(" ");
    }

    /** The file's text, empty when its process has ended. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return ""; // the process ended meanwhile
        }
    }
}
