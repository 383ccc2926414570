package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class RunQueueTest {

    @Test
    void threadsOfOneKindShareALabel() {
        assertThat(RunQueue.kind("executor-thread-12")).isEqualTo("executor-thread");
        assertThat(RunQueue.kind("vert.x-eventloo")).isEqualTo("vert.x-eventloo");
        assertThat(RunQueue.kind("GC Thread#1\n")).isEqualTo("GC Thread");
        assertThat(RunQueue.kind("C1 CompilerThre")).isEqualTo("C1 CompilerThre");
        assertThat(RunQueue.kind("agroal-11")).isEqualTo("agroal");
        assertThat(RunQueue.kind("42")).isEqualTo("42");
    }

    @Test
    void timesAddAndDivide() {
        RunQueue.Time sum = new RunQueue.Time(1, 2).plus(new RunQueue.Time(3, 4));
        assertThat(sum).isEqualTo(new RunQueue.Time(4, 6));
        assertThat(sum.per(2)).isEqualTo(new RunQueue.Time(2, 3));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThreadsTimeOnACoreIsChargedToItsPartAndKindOfThread() throws Exception {
        long self = ProcessHandle.current().pid();
        RunQueue counting = RunQueue.start(pid -> pid == self ? "this JVM" : "other", Set.of("this JVM"));
        Thread.sleep(20); // the burner starts after the first reading: it is counted from nothing
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        Thread burner = new Thread(() -> {
            burn(50);
            burnt.countDown();
            try {
                counted.await(); // alive until counted: a thread that has ended is not
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "burner-7");
        burner.start();
        burnt.await();
        Map<String, RunQueue.Time> perTwo = counting.stop(2);
        counted.countDown();
        burner.join();
        assertThat(perTwo.get("this JVM: burner").cpuMs()).isBetween(25.0, 1_000.0); // 50 ms or more, over a count of 2
        assertThat(perTwo.keySet()).noneMatch(label -> label.startsWith("other:"));
    }

    /** Spends {@code ms} of this thread's own CPU time, however long that takes on a busy machine. */
    private static void burn(long ms) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + ms * 1_000_000;
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
    }
}
