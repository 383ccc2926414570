package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program of the stack running as its own process, its output appended to {@code logs/<name>.log}. Its pid is kept in
 * {@code pids/<name>.pid} so that a launcher killed without its shutdown hook leaves nothing behind: the next start
 * stops the orphan first.
 */
final class ChildProcess {
    private final String name;
    private final Path data;
    private Process process;

    ChildProcess(String name, Path data) {
        this.name = name;
        this.data = data;
    }

    /** The java of the JVM running the launcher: the stack needs no other. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    void start(List<String> command, Map<String, String> environment, Path workDir) {
        stopOrphan(data, name);
        try {
            Files.createDirectories(log().getParent());
            ProcessBuilder builder = new ProcessBuilder(ownSession(command)).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            PidFile.write(pidFile(), process.toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running process's id (under setsid, the command's own), for its memory and CPU figures. */
    long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** Asks the process and its children to stop (SIGTERM), and kills them if they are still running after {@code grace}. */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        terminate(process.toHandle(), grace);
        process = null;
        deletePidFile();
    }

    /** Kills the process and its children at once (SIGKILL), as a crash would. */
    void kill() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        process = null;
        deletePidFile();
    }

    Path log() {
        return data.resolve("logs").resolve(name + ".log");
    }

    /** Stops what a crashed launcher left running under {@code name}, if anything. */
    static void stopOrphan(Path data, String name) {
        Path pidFile = data.resolve("pids").resolve(name + ".pid");
        PidFile.running(pidFile).ifPresent(orphan -> terminate(orphan, Duration.ofSeconds(20)));
        PidFile.delete(pidFile);
    }

    /**
     * Runs {@code command} in a session of its own, so that Ctrl-C in the launcher's terminal reaches the launcher
     * only, which then stops the parts in order (setsid execs the command: the pid stays the command's).
     */
    private static List<String> ownSession(List<String> command) {
        if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return command;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("/usr/bin/setsid"), command.stream()).toList();
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        // Children first: a shell script that started java does not pass the signal on.
        List<ProcessHandle> children = handle.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        handle.destroy();
        for (ProcessHandle h : concat(children, handle)) {
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(List<ProcessHandle> children, ProcessHandle parent) {
        return java.util.stream.Stream.concat(children.stream(), java.util.stream.Stream.of(parent)).toList();
    }

    private Path pidFile() {
        return data.resolve("pids").resolve(name + ".pid");
    }

    private void deletePidFile() {
        PidFile.delete(pidFile());
    }
}
