package dev.chaosagent.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A process the CLI may act on: verified, from what the kernel shows and without a signal, to be a
 * JVM of the calling user (root included: another user's JVM is that user's to change). The
 * attach API sends SIGQUIT to the PID it is given: to any process that catches it, and on some
 * Java 17 builds to any process at all, before it checks what runs there.
 *
 * @param pid          the PID as this CLI sees it
 * @param namespacePid the PID the JVM sees for itself, inside its own PID namespace (a container's)
 * @param root         the JVM's file system as this CLI sees it ({@code /proc/PID/root} on Linux)
 * @param perfData     its jvmstat file (hsperfdata), as a path in its own file system, or null
 */
record JvmProcess(String pid, long namespacePid, Path root, Path perfData) {

    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    /** The JVM with this PID, or a CliException (exit 1) that says why not. */
    static JvmProcess verify(String pid) throws CliException {
        return PROC ? fromProc(pid) : fromProcessHandle(pid);
    }

    /**
     * The JVMs of the calling user on this machine, by the PIDs this CLI
     * sees, read from /proc: a JVM in a container is listed by its host PID, whatever file name its
     * jvmstat file has. Empty (not known) without /proc.
     */
    static Optional<List<JvmProcess>> all() {
        if (!PROC) {
            return Optional.empty();
        }
        List<JvmProcess> jvms = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    jvms.add(fromProc(process.getFileName().toString()));
                } catch (CliException e) {
                    // not a JVM, not the caller's, or gone
                }
            }
        } catch (IOException e) {
            // /proc could not be listed to the end: the JVMs found so far
        }
        jvms.sort(Comparator.comparingLong(jvm -> Long.parseLong(jvm.pid())));
        return Optional.of(jvms);
    }

    /** How this CLI reaches a path of the JVM's own file system, which may be a container's. */
    Path seen(Path path) {
        return root.resolve(root.getRoot().relativize(path.toAbsolutePath()));
    }

    private static JvmProcess fromProc(String pid) throws CliException {
        Path proc = Path.of("/proc", pid);
        try {
            int owner = (Integer) Files.getAttribute(proc, "unix:uid");
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (owner != self) {
                throw unreachable(pid, "process " + pid + " (" + name(proc) + ") runs as user " + Files.getOwner(proc).getName()
                        + ", not as you; nothing was sent to it (run this command as that user, e.g. sudo -u '#" + owner + "' java -jar ...)");
            }
            List<String> maps = Files.readAllLines(proc.resolve("maps"));
            if (maps.stream().noneMatch(line -> line.endsWith("/libjvm.so"))) {
                throw unreachable(pid, "process " + pid + " (" + name(proc) + ") is not a JVM; nothing was sent to it");
            }
            long namespacePid = namespacePid(proc, pid);
            // Named after its user inside the container, who may have no name on the host.
            String perfDataFile = "/" + namespacePid;
            Path perfData = maps.stream().filter(line -> line.endsWith(perfDataFile) && line.contains("/hsperfdata_"))
                    .map(line -> Path.of(line.substring(line.indexOf('/')))).findFirst().orElse(null);
            return new JvmProcess(pid, namespacePid, proc.resolve("root"), perfData);
        } catch (NoSuchFileException e) {
            throw unreachable(pid, "no process " + pid + " (it has ended, or never was); list the JVMs with: java -jar chaos-agent.jar jvms");
        } catch (AccessDeniedException e) {
            throw unreachable(pid, "cannot read " + e.getFile() + " (access denied), so process " + pid + " (" + name(proc)
                    + ") cannot be verified to be a JVM; nothing was sent to it (run this command as the JVM's user)");
        } catch (IOException e) {
            throw unreachable(pid, "cannot read what process " + pid + " is (" + e + ")");
        }
    }

    private static long namespacePid(Path proc, String pid) throws IOException {
        // "NSpid: 4242 1": the last one is the PID in the process's own namespace
        return Files.readAllLines(proc.resolve("status")).stream().filter(line -> line.startsWith("NSpid:"))
                .map(line -> line.substring(line.lastIndexOf('\t') + 1).trim()).map(Long::parseLong).findFirst()
                .orElse(Long.parseLong(pid));
    }

    private static String name(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Without /proc (macOS, Windows): what the process table says, and no container to look into. */
    private static JvmProcess fromProcessHandle(String pid) throws CliException {
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
        if (process.isEmpty() || !process.get().isAlive()) {
            throw unreachable(pid, "no process " + pid + " (it has ended, or never was); list the JVMs with: java -jar chaos-agent.jar jvms");
        }
        ProcessHandle.Info info = process.get().info();
        String command = info.command().map(c -> Path.of(c).getFileName().toString().toLowerCase(Locale.ROOT)).orElse("?");
        String user = info.user().orElse("?");
        if (!user.equals(System.getProperty("user.name")) && !user.endsWith("\\" + System.getProperty("user.name"))) {
            throw unreachable(pid, "process " + pid + " runs as user " + user + ", not as you; run this command as that user");
        }
        if (!command.equals("java") && !command.equals("java.exe") && !command.equals("javaw.exe")) {
            throw unreachable(pid, "process " + pid + " (" + command + ") is not a JVM; nothing was sent to it");
        }
        return new JvmProcess(pid, Long.parseLong(pid), Path.of(System.getProperty("java.io.tmpdir")).getRoot(), null);
    }

    private static CliException unreachable(String pid, String why) {
        return new CliException(CliException.UNREACHABLE, "cannot reach JVM " + pid + ": " + why);
    }
}
