package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a short request's time went on a shared machine: for each part of the stack, the time its threads ran on a core
 * and the time they were ready to run but waited for one (the scheduler's run queue), from every thread's
 * {@code /proc/<pid>/task/<tid>/schedstat}. A part's waiting is the delay the others' work put on it. The parts asked
 * for in detail are split by kind of thread (workers, event loop, garbage collector, JIT compiler, ...).
 */
final class RunQueue {
    /** Where a thread's start time (field 22 of proc(5)'s stat) is in {@link CpuUse#statFields}. */
    private static final int STARTTIME = 19;

    /** Time on a core and time waiting for one, in milliseconds. */
    record Time(double cpuMs, double waitMs) {
        Time plus(Time other) {
            return new Time(cpuMs + other.cpuMs, waitMs + other.waitMs);
        }

        Time per(long count) {
            return new Time(cpuMs / count, waitMs / count);
        }
    }

    /** One thread's scheduler counters, in ns, with what it is counted under. */
    private record Counters(String label, long cpuNs, long waitNs) {
    }

    private final LongFunction<String> partOf;
    private final Set<String> detailed;
    /** Clock ticks since boot when counting started: a thread started later is counted from nothing. */
    private final long startTicks;
    private final Map<String, Counters> start;

    private RunQueue(LongFunction<String> partOf, Set<String> detailed) {
        this.partOf = partOf;
        this.detailed = detailed;
        this.startTicks = ticksSinceBoot();
        this.start = threads();
    }

    /** Starts counting; {@code detailed}: the parts ({@link CpuUse#part}) to split by kind of thread. */
    static RunQueue start(Bench bench, Set<String> detailed) {
        return start(pid -> CpuUse.part(bench, pid), detailed);
    }

    /** As above, {@code partOf} naming the part each process belongs to. */
    static RunQueue start(LongFunction<String> partOf, Set<String> detailed) {
        return new RunQueue(partOf, detailed);
    }

    /**
     * Each part's (or kind of thread's) time since the start, divided by {@code count}, largest on a core first. A
     * thread that ended meanwhile is not counted; one that the first reading missed but that is older than it is
     * left out rather than counted for its whole life.
     */
    Map<String, Time> stop(long count) {
        Map<String, Time> byLabel = new HashMap<>();
        threads().forEach((id, now) -> {
            Counters before = start.get(id);
            if (before == null && startedAt(id) >= startTicks) {
                before = new Counters(now.label(), 0, 0);
            }
            if (before != null) {
                byLabel.merge(now.label(), new Time((now.cpuNs() - before.cpuNs()) / 1e6,
                        (now.waitNs() - before.waitNs()) / 1e6).per(count), Time::plus);
            }
        });
        return byLabel.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue().cpuMs(), a.getValue().cpuMs()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** "executor-thread-3" -> "executor-thread", "GC Thread#0" -> "GC Thread", "C2 CompilerThre" as it stands. */
    static String kind(String threadName) {
        String kind = threadName.strip().replaceFirst("[-#_ ]*\\d+$", "");
        return kind.isEmpty() ? threadName.strip() : kind;
    }

    /**
     * Every thread of every process, by "pid/tid/start", its start in clock ticks since boot: a pid or tid used again
     * is another key.
     */
    private Map<String, Counters> threads() {
        Map<String, Counters> threads = new HashMap<>();
        for (Path process : CpuUse.processes()) {
            String part = partOf.apply(Long.parseLong(process.getFileName().toString()));
            List<Path> tasks;
            try (Stream<Path> listed = Files.list(process.resolve("task"))) {
                tasks = listed.toList();
            } catch (IOException | RuntimeException gone) {
                continue; // the process ended meanwhile
            }
            for (Path task : tasks) {
                String[] counters = CpuUse.read(task.resolve("schedstat")).strip().split(" ");
                String[] stat = CpuUse.statFields(CpuUse.read(task.resolve("stat")));
                if (counters.length >= 2 && stat.length > STARTTIME) {
                    String label = detailed.contains(part) ? part + ": " + kind(CpuUse.read(task.resolve("comm"))) : part;
                    threads.put(process.getFileName() + "/" + task.getFileName() + "/" + stat[STARTTIME],
                            new Counters(label, Long.parseLong(counters[0]), Long.parseLong(counters[1])));
                }
            }
        }
        return threads;
    }

    /** The start, in clock ticks since boot, that a key of {@link #threads} carries. */
    private static long startedAt(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
    }

    private static long ticksSinceBoot() {
        String uptime = CpuUse.read(Path.of("/proc/uptime"));
        return (long) (Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * CpuUse.TICKS);
    }
}
