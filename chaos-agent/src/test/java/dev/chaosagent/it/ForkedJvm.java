package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.capture.CaptureAgent;
import com.example.shop.ShopApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * {@link ShopApp} in a JVM of its own, with the real agent jar: the tests send it commands and read
 * its answers, as a user's application would behave.
 */
final class ForkedJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("chaos.agent.jar", "target/chaos-agent.jar")).toAbsolutePath();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final PrintWriter stdin;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private ForkedJvm(List<String> command, java.util.Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.start();
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
        Awaitility.await("the application to start").atMost(ANSWER_TIMEOUT)
                .until(() -> stdout.contains("ready") || !process.isAlive());
        assertThat(process.isAlive()).as("the application runs; stderr: %s", stderr).isTrue();
    }

    /** Starts the shop with the agent and these options (null: no agent at all). */
    static ForkedJvm withAgent(String options, String... extraJvmArgs) throws IOException {
        return start(options, false, List.of(), extraJvmArgs);
    }

    /** Starts the shop with the agent and a second agent that can tell classes' current bytecode. */
    static ForkedJvm withAgentAndCapture(String options) throws IOException {
        return start(options, true, List.of(), new String[0]);
    }

    static ForkedJvm start(String options, boolean capture, List<Path> extraClasspath, String... extraJvmArgs) throws IOException {
        return start(options, capture, extraClasspath, java.util.Map.of(), extraJvmArgs);
    }

    /**
     * Starts the shop with the agent and these libraries on its class path instead of the test's H2:
     * a library's version under test (the oldest it supports, the newest) and nothing else of it.
     */
    static ForkedJvm withLibraries(String options, List<Path> libraries) throws IOException {
        List<String> command = command(options, false, libraries);
        int classpath = command.indexOf("-cp") + 1;
        command.set(classpath, command.get(classpath).replace(h2Jar() + java.io.File.pathSeparator, ""));
        return new ForkedJvm(command, java.util.Map.of());
    }

    /** Starts the shop with the agent, as one pod of a fleet: its own environment (POD_NAME ...) and JVM options. */
    static ForkedJvm inPod(String options, java.util.Map<String, String> environment, String... jvmArgs) throws IOException {
        return start(options, false, List.of(), environment, jvmArgs);
    }

    /** Starts the shop with no agent on its command line, but with these environment variables. */
    static ForkedJvm withEnvironment(java.util.Map<String, String> environment) throws IOException {
        return start(null, false, List.of(), environment);
    }

    private static ForkedJvm start(String options, boolean capture, List<Path> extraClasspath, java.util.Map<String, String> environment,
                                   String... extraJvmArgs) throws IOException {
        return new ForkedJvm(command(options, capture, extraClasspath, extraJvmArgs), environment);
    }

    /** Starts the shop without the agent under a command that runs another, e.g. {@code unshare ...}. */
    static ForkedJvm under(List<String> wrapper) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(command(null, false, List.of()));
        return new ForkedJvm(command, java.util.Map.of());
    }

    /**
     * As {@link #under}, with the shop's classes copied to {@code image} first, as a container holds
     * its application in its own file system: a wrapper that mounts a private /tmp would hide a
     * build that lives under /tmp (a CI checkout, say).
     */
    static ForkedJvm under(List<String> wrapper, Path image) throws IOException {
        Path classes = codeSource(ShopApp.class);
        try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.toList()) {
                Files.copy(file, image.resolve(classes.relativize(file).toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> command = new ArrayList<>(wrapper);
        for (String part : command(null, false, List.of())) {
            command.add(part.replace(classes.toString(), image.toString()));
        }
        return new ForkedJvm(command, java.util.Map.of());
    }

    /**
     * Starts another application of the test classes, {@code mainClass}, with the agent and these
     * options, on the test classes and {@code jars} only (a library version of a matrix, say).
     */
    static ForkedJvm application(String options, Class<?> mainClass, List<Path> jars) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-javaagent:" + AGENT_JAR + (options.isEmpty() ? "" : "=" + options), "-cp"));
        List<String> classpath = new ArrayList<>(List.of(codeSource(mainClass).toString()));
        jars.forEach(jar -> classpath.add(jar.toString()));
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass.getName());
        return new ForkedJvm(command, java.util.Map.of());
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("chaos.it.java.home", System.getProperty("java.home")), "bin", "java").toString();
    }

    private static List<String> command(String options, boolean capture, List<Path> extraClasspath, String... extraJvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        if (options != null) {
            command.add("-javaagent:" + AGENT_JAR + (options.isEmpty() ? "" : "=" + options));
        }
        if (capture) {
            command.add("-javaagent:" + captureAgentJar());
        }
        command.addAll(Arrays.asList(extraJvmArgs));
        List<String> classpath = new ArrayList<>();
        classpath.add(codeSource(ShopApp.class).toString());
        classpath.add(h2Jar().toString());
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ShopApp.class.getName());
        return command;
    }

    /** Whether an executable of this name is on the PATH. */
    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A port on 127.0.0.1 that nothing listens on now. */
    static int freePort() throws IOException {
        while (true) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                // Never the same port twice in one test run: a fleet test takes several before any JVM binds one.
                if (HANDED_OUT.add(free.getLocalPort())) {
                    return free.getLocalPort();
                }
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Starts the shop with the agent (and the capture agent) and the JVM's own remote JMX on 127.0.0.1:{@code port}. */
    static ForkedJvm withRemoteJmx(int port, String options) throws IOException {
        return start(options, true, List.of(), "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false", "-Djava.rmi.server.hostname=127.0.0.1");
    }

    /** A remote JMX connection to a JVM started {@link #withRemoteJmx}, as any JMX client makes it. */
    static javax.management.remote.JMXConnector jmxConnector(int port) throws IOException {
        return javax.management.remote.JMXConnectorFactory.connect(
                new javax.management.remote.JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    }

    /** Sends a command and waits for its answer, e.g. {@code ok (3ms) album-7}. */
    String call(String command) {
        String id = Integer.toString(ids.incrementAndGet());
        stdin.println(id + " " + command);
        String prefix = id + " ";
        return Awaitility.await("the answer to " + command).atMost(ANSWER_TIMEOUT).until(
                () -> stdout.stream().filter(line -> line.startsWith(prefix)).findFirst(), Optional::isPresent)
                .orElseThrow().substring(prefix.length());
    }

    /** The answer without its timing: {@code ok album-7}. */
    String result(String command) {
        return call(command).replaceFirst(" \\(\\d+ms\\)", "");
    }

    /** How long the command took inside the application, in milliseconds. */
    long millis(String command) {
        String answer = call(command);
        return Long.parseLong(answer.substring(answer.indexOf('(') + 1, answer.indexOf("ms)")));
    }

    /**
     * Tells the application to return from {@code main} and measures, in milliseconds, from its
     * answer to the end of its process: how long the JVM takes to exit.
     */
    long exitMillis() throws InterruptedException {
        String id = Integer.toString(ids.incrementAndGet());
        stdin.println(id + " exit");
        Awaitility.await("the application's last answer").atMost(ANSWER_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> stdout.contains(id + " ok (0ms) bye"));
        long answered = System.nanoTime();
        assertThat(process.waitFor(ANSWER_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the JVM exits after main returns").isTrue();
        return (System.nanoTime() - answered) / 1_000_000;
    }

    List<String> stderr() {
        return stderr;
    }

    List<String> stdout() {
        return stdout;
    }

    /** Waits until a line on stderr contains every fragment, and returns it. */
    String awaitStderr(String... fragments) {
        try {
            return Awaitility.await("stderr to say " + String.join(" ... ", fragments)).atMost(ANSWER_TIMEOUT).until(
                    () -> stderr.stream().filter(line -> Arrays.stream(fragments).allMatch(line::contains)).findFirst(),
                    Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the JVM's stderr:\n" + stderrText(), e);
        }
    }

    String stderrText() {
        return stderr.stream().collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stdin.println("0 exit");
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static void pump(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "forked-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path h2Jar() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("H2 is not on the test class path"));
    }

    /** Packs {@link CaptureAgent} as an agent jar, once per test run. */
    private static synchronized Path captureAgentJar() throws IOException {
        Path jar = Path.of(System.getProperty("java.io.tmpdir"), "chaos-capture-agent-" + ProcessHandle.current().pid() + ".jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", CaptureAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        String entry = CaptureAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (InputStream in = CaptureAgent.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        jar.toFile().deleteOnExit();
        return jar;
    }
}
