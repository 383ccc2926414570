package io.tomassure.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process of the stack, remembered in a file by its pid and start time: pids are reused (after a reboot, say), and
 * the start time tells the stack's own process from a stranger that got the same number.
 */
final class PidFile {

    private PidFile() {
    }

    static void write(Path file, ProcessHandle process) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("?"));
    }

    /** The process the file names, if it is still running and is the same process. */
    static Optional<ProcessHandle> running(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String[] pidAndStart = Files.readString(file).trim().split(" ");
            return ProcessHandle.of(Long.parseLong(pidAndStart[0]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> pidAndStart.length > 1 && p.info().startInstant().map(Instant::toString).orElse("?").equals(pidAndStart[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is checked against the process before it is believed
        }
    }
}
