package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
