package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a short request's time went on a shared machine: for each part of the stack, the time its threads ran on a core
 * and the time they were ready to run but waited for one (the scheduler's run queue), from every thread's
 * {@code /proc/<pid>/task/<tid>/schedstat}. A part's waiting is the delay the others' work put on it. The parts asked
 * for in detail are split by kind of thread (workers, event loop, garbage collector, JIT compiler, ...).
 */
final class RunQueue {
    /** Time on a core and time waiting for one, in milliseconds. */
    record Time(double cpuMs, double waitMs) {
        Time plus(Time other) {
            return new Time(cpuMs + other.cpuMs, waitMs + other.waitMs);
        }

        Time per(long count) {
            return new Time(cpuMs / count, waitMs / count);
        }
    }

    private record Thread(String label, long cpuNs, long waitNs) {
    }

    private final Bench bench;
    private final Set<String> detailed;
    private final Map<String, Thread> start;

    private RunQueue(Bench bench, Set<String> detailed) {
        this.bench = bench;
        this.detailed = detailed;
        this.start = threads();
    }

    /** Starts counting; {@code detailed}: the parts ({@link CpuUse#part}) to split by kind of thread. */
    static RunQueue start(Bench bench, Set<String> detailed) {
        return new RunQueue(bench, detailed);
    }

    /** Each part's (or kind of thread's) time since the start, divided by {@code count}, largest on a core first. */
    Map<String, Time> stop(long count) {
        Map<String, Time> byLabel = new HashMap<>();
        threads().forEach((id, now) -> {
            Thread before = start.getOrDefault(id, new Thread(now.label(), 0, 0));
            Time used = new Time((now.cpuNs() - before.cpuNs()) / 1e6, (now.waitNs() - before.waitNs()) / 1e6);
            if (used.cpuMs() > 0 || used.waitMs() > 0) {
                byLabel.merge(now.label(), used.per(count), Time::plus);
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

    /** Every thread of every process, by "pid/tid", with its label and its schedstat counters. */
    private Map<String, Thread> threads() {
        Map<String, Thread> threads = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(process -> {
                String part = CpuUse.part(bench, Long.parseLong(process.getFileName().toString()));
                try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
                    tasks.forEach(task -> {
                        String[] counters = CpuUse.read(task.resolve("schedstat")).strip().split(" ");
                        if (counters.length >= 2) {
                            String label = detailed.contains(part) ? part + ": " + kind(CpuUse.read(task.resolve("comm")))
                                    : part;
                            threads.put(process.getFileName() + "/" + task.getFileName(), new Thread(label,
                                    Long.parseLong(counters[0]), Long.parseLong(counters[1])));
                        }
                    });
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return threads;
    }
}
