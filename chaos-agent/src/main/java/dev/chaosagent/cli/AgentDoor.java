package dev.chaosagent.cli;

import dev.chaosagent.control.ControlDoor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The agent in a JVM, reached through its {@link ControlDoor}: a directory in the JVM's /tmp,
 * which this CLI opens through {@code /proc/PID/root}, so a JVM in a container with a network of
 * its own is reached as any other. Its socket opens when the CLI first knocks. No signal, no
 * attach: a JVM without the agent has no such directory. A bad spec or name comes back as an
 * IllegalArgumentException with the agent's message.
 */
final class AgentDoor {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    /** The door polls for a knock every 100 ms and then opens its socket, in well under a second on an idle JVM. */
    private static final Duration OPEN_WAIT = Duration.ofSeconds(10);

    private final JvmProcess jvm;
    private final Path path;

    private AgentDoor(JvmProcess jvm, Path path) {
        this.jvm = jvm;
        this.path = path;
    }

    static AgentDoor of(JvmProcess jvm) {
        return new AgentDoor(jvm, jvm.seen(ControlDoor.path(jvm.namespacePid())));
    }

    /** Whether the door is there, its socket open or not: a JVM whose agent started, or a door a killed JVM left. */
    boolean isMade() {
        return Files.isDirectory(path);
    }

    /** Whether the agent answers here; false for a JVM without it, or a door its JVM left when it was killed. */
    boolean isOpen() {
        try {
            request("version", "");
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The door, or a CliException (exit 1) that tells how to load the agent, or why the door is shut. */
    static AgentDoor open(JvmProcess jvm) throws CliException {
        AgentDoor door = of(jvm);
        if (!Files.exists(door.path)) {
            throw new CliException(CliException.UNREACHABLE, "JVM " + jvm.pid() + " has no chaos-agent (load it with:"
                    + " java -jar chaos-agent.jar attach " + jvm.pid() + ")");
        }
        try {
            door.request("version", "");
        } catch (UncheckedIOException e) {
            throw new CliException(CliException.UNREACHABLE, "cannot reach the chaos-agent of JVM " + jvm.pid() + " at "
                    + door.path + " (" + e.getCause().getMessage() + ")");
        }
        return door;
    }

    String describe() {
        return request("rules", "");
    }

    String[] ruleNames() {
        String names = request("names", "");
        return names.isEmpty() ? new String[0] : names.split("\n");
    }

    String addRule(String spec) {
        return request("add", spec);
    }

    boolean removeRule(String name) {
        return Boolean.parseBoolean(request("remove", name));
    }

    boolean enableRule(String name) {
        return Boolean.parseBoolean(request("enable", name));
    }

    boolean disableRule(String name) {
        return Boolean.parseBoolean(request("disable", name));
    }

    void setEnabled(boolean on) {
        request("switch", Boolean.toString(on));
    }

    void stopAll() {
        request("stop", "");
    }

    String journal() {
        return request("journal", "");
    }

    /** {@code experiment}, {@code abort} or {@code resume}: the experiment's line after it. */
    String experiment(String word) {
        return request(word, "");
    }

    private String request(String word, String argument) {
        try (SocketChannel channel = connect()) {
            ByteBuffer request = ByteBuffer.wrap((word + "\n" + argument).getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            channel.shutdownOutput();
            String answer = readAnswer(channel);
            int newline = answer.indexOf('\n');
            if (newline < 0) {
                throw new IOException("the agent in JVM " + jvm.pid() + " closed the connection without an answer");
            }
            String status = answer.substring(0, newline);
            String text = answer.substring(newline + 1);
            if (status.equals("refused")) {
                throw new IllegalArgumentException(text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A connection to the door's socket, knocking first if it is not open yet. An IOException when
     * there is no door, or the socket does not open in time (a stopped JVM, or a door left by a
     * killed one whose PID another process now has).
     */
    private SocketChannel connect() throws IOException {
        Path socket = ControlDoor.socket(path);
        if (!Files.exists(socket)) {
            try {
                Files.createFile(ControlDoor.knock(path));
            } catch (FileAlreadyExistsException e) {
                // knocked already: another CLI command, or ours, before the door looked
            }
        }
        long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (IOException notYet) {
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("the agent in JVM " + jvm.pid() + " did not open its door within " + OPEN_WAIT.toSeconds()
                            + " s (" + notYet.getMessage() + "; is the JVM stopped?)", notYet);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the door of JVM " + jvm.pid());
            }
        }
    }

    /** The whole answer, or an IOException when it takes too long: a stopped JVM must not hang the CLI. */
    private String readAnswer(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("no answer from the agent in JVM " + jvm.pid() + " within " + ANSWER_WAIT.toSeconds()
                            + " s (is the JVM stopped, or out of memory?)");
                }
                selector.select(left);
            }
            answer.write(buffer.array(), 0, buffer.position());
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
