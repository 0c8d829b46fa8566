package io.pinfold.testsupport.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Fields of /proc/[pid]/stat (proc(5)), read the way deploy/local/lib.sh reads them. */
final class ProcStat {

    private ProcStat() {
    }

    /** Field 22: start time in clock ticks since boot, which identifies a process beyond its pid. */
    static OptionalLong startTime(long pid) {
        return field(pid, 22);
    }

    /** Field 6: the session id (the pid of the session's leader). */
    static OptionalLong sessionId(long pid) {
        return field(pid, 6);
    }

    private static OptionalLong field(long pid, int number) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may contain spaces: count after the last ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(fields[number - 3]));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return line.substring(line.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
