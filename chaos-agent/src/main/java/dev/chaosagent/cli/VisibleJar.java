package dev.chaosagent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The agent jar at a path the target JVM can open. A JVM in a container has a file system of its
 * own, where this CLI's jar is not: the jar is then copied into the JVM's /tmp, which the JDK's
 * attach uses too, so the JVM opens the copy, as the JDK's own tools copy what they need.
 */
final class VisibleJar {

    private VisibleJar() {
    }

    /** A path to the agent jar in the JVM's own file system. */
    static String placeFor(JvmProcess jvm, Path jar, String version) throws CliException {
        Path seen = jvm.seen(jar);
        try {
            if (Files.exists(seen) && Files.isSameFile(seen, jar)) {
                return jar.toString();
            }
        } catch (IOException e) {
            // not the same file: copy it
        }
        Path inside = Path.of("/tmp", "chaos-agent-" + version + ".jar");
        Path copy = jvm.seen(inside);
        Path part = copy.resolveSibling("." + copy.getFileName() + "." + ProcessHandle.current().pid());
        try {
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            // A rename, so that a JVM that already opened an earlier copy keeps reading that one.
            Files.move(part, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return inside.toString();
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing was written
            }
            throw new CliException(CliException.UNREACHABLE, "JVM " + jvm.pid() + " cannot open " + jar
                    + " (its file system is another, a container's) and the copy to " + copy + " failed: " + e);
        }
    }
}
