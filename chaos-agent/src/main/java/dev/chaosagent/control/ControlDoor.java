package dev.chaosagent.control;

import dev.chaosagent.jmx.ChaosAgentMXBean;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The CLI's way into the agent: the directory {@code /tmp/.chaos-agent-PID}, beside the JDK's own
 * attach socket {@code /tmp/.java_pidPID}, owner-only, and in it a Unix domain socket. Files, not a
 * port, so that the CLI reaches a JVM in a container from the host through {@code /proc/PID/root},
 * whatever its network namespace, and only the JVM's user and root get in, as with the attach socket.
 * <p>
 * The socket opens when the CLI first knocks (creates the file {@code knock} in the directory), as
 * the JDK's attach listener starts only when a tool asks: a JVM's first Unix domain socket costs it
 * some 40 ms of CPU and 200 classes (the JDK looks its selector provider up and seeds a
 * {@code SecureRandom}), which most JVMs with the agent, never reached by the CLI, need not pay.
 * <p>
 * One request per connection: a word, a newline, its argument (up to the end of the stream). The
 * answer's first line is {@code ok} or {@code refused} (a bad spec or name: the rest is the message).
 */
public final class ControlDoor {

    private static final String FILE_PREFIX = ".chaos-agent-";
    private static final String SOCKET = "socket";
    private static final String KNOCK = "knock";
    private static final int MAX_REQUEST = 1 << 20;
    /** How long a CLI command may wait for the door to look: short beside a JVM's start, long beside a CPU's. */
    private static final long POLL_MILLIS = 100;

    private final Path path;
    /** Read at the first client: most JVMs never see the CLI, and the owner's name is a look-up in the system's user database. */
    private UserPrincipal owner;
    private final ChaosAgentMXBean control;
    private final String version;

    private ControlDoor(Path path, ChaosAgentMXBean control, String version) {
        this.path = path;
        this.control = control;
        this.version = version;
    }

    /** Where the JVM with this PID (in its own PID namespace) has its door (a directory), in its own mount namespace. */
    public static Path path(long pid) {
        // The JDK's attach socket is in /tmp on Linux whatever java.io.tmpdir says; elsewhere the user's temporary directory.
        Path tmp = Path.of(System.getProperty("os.name").startsWith("Linux") ? "/tmp" : System.getProperty("java.io.tmpdir"));
        return tmp.resolve(FILE_PREFIX + pid);
    }

    /** The socket in a door, there once the CLI has knocked. */
    public static Path socket(Path door) {
        return door.resolve(SOCKET);
    }

    /** The file the CLI creates in a door to have its socket opened. */
    public static Path knock(Path door) {
        return door.resolve(KNOCK);
    }

    /** Where this JVM has its door. */
    public static Path ownPath() {
        return path(ownPid());
    }

    /**
     * This JVM's PID, as {@code /proc/self} names it (the PID in the JVM's own namespace, which the
     * CLI reads from {@code NSpid}), or from {@code ProcessHandle} where there is no {@code /proc}.
     * The first {@code ProcessHandle.current()} in a JVM starts the JDK's process-reaper machinery
     * (a thread pool, some 30 classes and 5 method handles): 20 to 30 ms, against 3 for the link.
     */
    private static long ownPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** Makes this JVM's door, owner-only; the caller serves it with {@link #serve()} on a thread of its own. */
    public static ControlDoor open(ChaosAgentMXBean control, String version) throws IOException {
        Path path = ownPath();
        removeLeftOver(path);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(path);
        }
        // Deleted at exit in the reverse order: the files, then the directory.
        path.toFile().deleteOnExit();
        socket(path).toFile().deleteOnExit();
        knock(path).toFile().deleteOnExit();
        return new ControlDoor(path, control, version);
    }

    /** What an earlier process with this PID left when it was killed. */
    private static void removeLeftOver(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(socket(path));
            Files.deleteIfExists(knock(path));
        }
        Files.deleteIfExists(path);
    }

    /**
     * Waits for the CLI's knock, then serves one client after another, until the door cannot accept
     * any more (then it is closed). It polls rather than blocks in {@code accept}: at exit the JVM
     * waits up to 300 ms for every thread that is inside a native call, so a thread parked in
     * {@code accept} would make every JVM with the agent exit 300 ms later. A sleeping thread costs
     * the exit nothing.
     */
    public void serve() throws IOException {
        File knock = knock(path).toFile(); // java.io: a poll that loads nothing new
        while (!knock.exists()) {
            if (!pause()) {
                return;
            }
        }
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket(path)));
            knock.delete();
            server.configureBlocking(false);
            while (true) {
                SocketChannel client = server.accept();
                if (client == null) {
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                client.configureBlocking(true);
                try (client) {
                    if (admitted(client)) {
                        answer(client);
                    }
                } catch (IOException e) {
                    // that client went away; the door stays open for the next
                }
            }
        }
    }

    /** False when the thread is interrupted: the door closes. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The JVM's own user or root, as the JDK's attach listener admits; the directory's permissions say the same. */
    private boolean admitted(SocketChannel client) throws IOException {
        UserPrincipal peer;
        try {
            peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (UnsupportedOperationException | LinkageError e) {
            return true; // no peer credentials here (Windows, or a runtime without jdk.net): the file's permissions guard it
        }
        if (owner == null) {
            owner = Files.getOwner(path);
        }
        return peer.equals(owner) || peer.getName().equals("root") || peer.getName().equals("0");
    }

    private void answer(SocketChannel client) throws IOException {
        InputStream in = Channels.newInputStream(client);
        String request = new String(in.readNBytes(MAX_REQUEST), StandardCharsets.UTF_8);
        int newline = request.indexOf('\n');
        String word = newline < 0 ? request : request.substring(0, newline);
        String argument = newline < 0 ? "" : request.substring(newline + 1);
        String answer;
        try {
            answer = "ok\n" + answer(word, argument);
        } catch (IllegalArgumentException e) {
            answer = "refused\n" + e.getMessage();
        }
        OutputStream out = Channels.newOutputStream(client);
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String answer(String word, String argument) {
        return switch (word) {
            case "version" -> version;
            case "rules" -> control.describe();
            case "names" -> String.join("\n", control.getRuleNames());
            case "add" -> control.addRule(argument);
            case "remove" -> Boolean.toString(control.removeRule(argument));
            case "enable" -> Boolean.toString(control.enableRule(argument));
            case "disable" -> Boolean.toString(control.disableRule(argument));
            case "switch" -> {
                control.setEnabled(Boolean.parseBoolean(argument));
                yield Boolean.toString(control.isEnabled());
            }
            case "stop" -> {
                control.stopAll();
                yield "";
            }
            case "journal" -> control.journal();
            case "experiment" -> control.getExperiment();
            case "abort" -> {
                control.abort();
                yield control.getExperiment();
            }
            case "resume" -> {
                control.resume();
                yield control.getExperiment();
            }
            default -> throw new IllegalArgumentException("unknown request " + word + " (this agent is version " + version + ")");
        };
    }
}
