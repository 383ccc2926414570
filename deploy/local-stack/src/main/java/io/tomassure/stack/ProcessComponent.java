package io.tomassure.stack;

import java.nio.file.Path;
import java.time.Duration;

/** A part of the stack that runs as a process of its own: its name, log, exit and stop are the process's. */
abstract class ProcessComponent implements Component {
    protected final ChildProcess process;

    ProcessComponent(String name, Path data) {
        this.process = new ChildProcess(name, data);
    }

    @Override
    public String name() {
        return process.name();
    }

    @Override
    public boolean hasExited() {
        return !process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    long pid() {
        return process.pid();
    }

    /** Kills it outright (SIGKILL), as a crash would: no shutdown, no flush. */
    void kill() {
        process.kill();
    }

    @Override
    public Path log() {
        return process.log();
    }
}
