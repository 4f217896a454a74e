package dev.chaosagent.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.util.Textifier;

/**
 * An application in a JVM of its own, usually with the real agent jar: the tests send it commands on
 * stdin ({@code ID COMMAND ARGS}) and read its answers on stdout ({@code ID ANSWER}), and read what
 * the agent says on stderr. Every wait that times out shows the JVM's stderr.
 *
 * <p>The static shortcuts ({@link #withAgent} ...) start the module's own test application, named
 * by the system properties {@code chaos.it.main} and {@code chaos.it.classpath}; {@link #launch} and
 * {@link #launchJar} start any other. The agent's own ports are bound to 0 and read back from its
 * output ({@link #metricsPort()}), as is the JVM's remote JMX ({@link #jmxConnector()}): no test picks
 * a free port and hopes.
 */
public final class ForkedJvm implements AutoCloseable {

    public static final Path AGENT_JAR = Path.of(System.getProperty("chaos.agent.jar", "target/chaos-agent.jar")).toAbsolutePath();
    private static final Path JAVA_HOME = Path.of(System.getProperty("chaos.it.java.home", System.getProperty("java.home")));
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern METRICS_AT = Pattern.compile("chaos-agent: .*metrics at http://\\S+:(\\d+)/metrics");

    private final Process process;
    private final PrintWriter stdin;
    private final boolean exitCommand;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String readyLine;

    private ForkedJvm(List<String> command, Map<String, String> environment, Pattern ready, Duration startTimeout, boolean exitCommand)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.start();
        this.exitCommand = exitCommand;
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
        Optional<String> line = awaitLine(stdout, "the application to start (a line like " + ready + ")", startTimeout,
                l -> ready.matcher(l).find());
        if (line.isEmpty()) {
            throw new AssertionError("the application exited (" + process.exitValue() + ") before it started; its stdout:\n"
                    + String.join("\n", stdout) + "\nits stderr:\n" + stderrText());
        }
        readyLine = line.get();
    }

    // ---- starting

    /** Any application: this main class on this class path. */
    public static Launch launch(String mainClass, List<Path> classpath) {
        return new Launch(List.of(mainClass), classpath);
    }

    /** An executable jar, {@code java -jar JAR}. */
    public static Launch launchJar(Path jar) {
        return new Launch(List.of("-jar", jar.toString()), List.of());
    }

    /** The module's test application, from {@code chaos.it.main} and {@code chaos.it.classpath}. */
    public static Launch application() {
        String main = System.getProperty("chaos.it.main");
        String classpath = System.getProperty("chaos.it.classpath");
        if (main == null || classpath == null) {
            throw new IllegalStateException("set chaos.it.main and chaos.it.classpath (the forked application) in the module's failsafe"
                    + " systemPropertyVariables");
        }
        return launch(main, withCommandLoop(Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList()));
    }

    /** The application's class path and the harness's classes, for its {@link CommandLoop}. */
    private static List<Path> withCommandLoop(List<Path> classpath) {
        List<Path> entries = new ArrayList<>(classpath);
        entries.add(codeSource(CommandLoop.class));
        return entries;
    }

    /** Starts the application with the agent and these options (null: no agent at all). */
    public static ForkedJvm withAgent(String options, String... extraJvmArgs) throws IOException {
        return application().agent(options).jvmArgs(extraJvmArgs).start();
    }

    /** Starts the application with the agent and the {@link CaptureAgent}, which tells classes' current bytecode. */
    public static ForkedJvm withAgentAndCapture(String options) throws IOException {
        return application().agent(options).capture().start();
    }

    public static ForkedJvm start(String options, boolean capture, List<Path> extraClasspath, String... extraJvmArgs) throws IOException {
        Launch launch = application().agent(options).classpath(extraClasspath).jvmArgs(extraJvmArgs);
        return (capture ? launch.capture() : launch).start();
    }

    /**
     * Starts the application with the agent on its own classes (the first entry of
     * {@code chaos.it.classpath}) and these libraries instead of the rest: a library's version under
     * test (the oldest it supports, the newest) and nothing else of it.
     */
    public static ForkedJvm withLibraries(String options, List<Path> libraries) throws IOException {
        Launch module = application();
        return launch(module.main.get(0), withCommandLoop(List.of(module.classpath.get(0)))).agent(options).classpath(libraries).start();
    }

    /** Starts another application of the test classes, {@code mainClass}, with the agent, on its classes and {@code jars} only. */
    public static ForkedJvm application(String options, Class<?> mainClass, List<Path> jars) throws IOException {
        return launch(mainClass.getName(), withCommandLoop(List.of(codeSource(mainClass)))).agent(options).classpath(jars).start();
    }

    /** Starts the application with the agent, as one pod of a fleet: its own environment (POD_NAME ...) and JVM options. */
    public static ForkedJvm inPod(String options, Map<String, String> environment, String... jvmArgs) throws IOException {
        return application().agent(options).environment(environment).jvmArgs(jvmArgs).start();
    }

    /** Starts the application with no agent on its command line, but with these environment variables. */
    public static ForkedJvm withEnvironment(Map<String, String> environment) throws IOException {
        return application().environment(environment).start();
    }

    /** Starts the application without the agent under a command that runs another, e.g. {@code unshare ...}. */
    public static ForkedJvm under(List<String> wrapper) throws IOException {
        return application().under(wrapper).start();
    }

    /**
     * As {@link #under}, with the application's class path copied to {@code image} first, as a
     * container holds its application in its own file system: a wrapper that mounts a private /tmp
     * would hide a build that lives under /tmp (a CI checkout, say).
     */
    public static ForkedJvm under(List<String> wrapper, Path image) throws IOException {
        return application().under(wrapper).copiedTo(image).start();
    }

    /** Starts the application with the agent, the capture agent and the JVM's own remote JMX ({@link #jmxConnector()}). */
    public static ForkedJvm withRemoteJmx(String options) throws IOException {
        return application().agent(options).capture().remoteJmx().start();
    }

    /** How to start one JVM; {@link #start()} starts it and waits until it is ready. */
    public static final class Launch {
        private final List<String> main;
        private final List<Path> classpath;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> wrapper = new ArrayList<>();
        private String agentOptions;
        private boolean capture;
        private Path image;
        private Pattern ready = Pattern.compile("^ready\\b");
        private Duration startTimeout = ANSWER_TIMEOUT;
        private boolean exitCommand = true;

        private Launch(List<String> main, List<Path> classpath) {
            this.main = main;
            this.classpath = new ArrayList<>(classpath);
        }

        /** With {@code -javaagent:AGENT_JAR=options} (null: no agent; empty: no options). */
        public Launch agent(String options) {
            agentOptions = options;
            return this;
        }

        /** With the {@link CaptureAgent} after the chaos agent: the application can call {@code CaptureAgent.shape}. */
        public Launch capture() {
            capture = true;
            return this;
        }

        /** JVM options after the agents and the defaults ({@code -Xmx256m -XX:TieredStopAtLevel=1}, which they can override). */
        public Launch jvmArgs(String... more) {
            jvmArgs.addAll(Arrays.asList(more));
            return this;
        }

        public Launch classpath(List<Path> more) {
            classpath.addAll(more);
            return this;
        }

        /** The application's own arguments. */
        public Launch args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        public Launch environment(Map<String, String> more) {
            environment.putAll(more);
            return this;
        }

        /** Runs the JVM under this command, e.g. {@code unshare ...}. */
        public Launch under(List<String> command) {
            wrapper.addAll(command);
            return this;
        }

        /** Copies the class path into this directory first and runs it from there. */
        public Launch copiedTo(Path directory) {
            image = directory;
            return this;
        }

        /** The JVM's remote JMX connector on 127.0.0.1, on a port of the system's choosing. */
        public Launch remoteJmx() {
            return jvmArgs("-Dcom.sun.management.jmxremote.port=0", "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Djava.rmi.server.hostname=127.0.0.1");
        }

        /** The application is ready once a stdout line contains this pattern (default: a line starting with {@code ready}). */
        public Launch readyWhen(Pattern line, Duration timeout) {
            ready = line;
            startTimeout = timeout;
            return this;
        }

        /** The application reads no commands: {@link ForkedJvm#close()} ends it with SIGTERM rather than {@code exit}. */
        public Launch noCommands() {
            exitCommand = false;
            return this;
        }

        public ForkedJvm start() throws IOException {
            List<String> command = new ArrayList<>(wrapper);
            command.add(JAVA_HOME.resolve("bin").resolve("java").toString());
            if (agentOptions != null) {
                command.add("-javaagent:" + AGENT_JAR + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            if (capture) {
                command.add("-javaagent:" + captureAgentJar());
            }
            command.addAll(jvmArgs);
            List<Path> paths = image == null ? classpath : copy(classpath, image);
            if (!paths.isEmpty()) {
                command.add("-cp");
                command.add(String.join(File.pathSeparator, paths.stream().map(Path::toString).toList()));
            }
            command.addAll(main);
            command.addAll(args);
            return new ForkedJvm(command, environment, ready, startTimeout, exitCommand);
        }

        private static List<Path> copy(List<Path> classpath, Path image) throws IOException {
            List<Path> copies = new ArrayList<>();
            for (Path entry : classpath) {
                Path copy = image.resolve(copies.size() + "-" + entry.getFileName());
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file : files.toList()) {
                            Files.copy(file, copy.resolve(entry.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                } else {
                    Files.copy(entry, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                copies.add(copy);
            }
            return copies;
        }
    }

    // ---- talking to it

    /** Sends a command and waits for its answer, e.g. {@code ok (3ms) album-7}. */
    public String call(String command) {
        String prefix = ids.incrementAndGet() + " ";
        stdin.println(prefix + command);
        return awaitLine(stdout, "the answer to " + command, ANSWER_TIMEOUT, line -> line.startsWith(prefix))
                .orElseThrow(() -> new AssertionError("the JVM exited before it answered " + command + "; its stderr:\n" + stderrText()))
                .substring(prefix.length());
    }

    /** The answer without its timing: {@code ok album-7}. */
    public String result(String command) {
        return call(command).replaceFirst(" \\(\\d+ms\\)", "");
    }

    /** How long the command took inside the application, in milliseconds. */
    public long millis(String command) {
        String answer = call(command);
        return Long.parseLong(answer.substring(answer.indexOf('(') + 1, answer.indexOf("ms)")));
    }

    /**
     * Tells the application to return from {@code main} and measures, in milliseconds, from its
     * answer to the end of its process: how long the JVM takes to exit.
     */
    public long exitMillis() throws InterruptedException {
        String id = Integer.toString(ids.incrementAndGet());
        stdin.println(id + " exit");
        Awaitility.await("the application's last answer").atMost(ANSWER_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> stdout.contains(id + " ok (0ms) bye"));
        long answered = System.nanoTime();
        if (!process.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the JVM did not exit after main returned; its stderr:\n" + stderrText());
        }
        return (System.nanoTime() - answered) / 1_000_000;
    }

    /** The stdout line that said the application was ready, e.g. {@code ready 41234}. */
    public String readyLine() {
        return readyLine;
    }

    public List<String> stderr() {
        return stderr;
    }

    public List<String> stdout() {
        return stdout;
    }

    public String stderrText() {
        return String.join("\n", stderr);
    }

    /** Waits until a line on stderr contains every fragment, and returns it. */
    public String awaitStderr(String... fragments) {
        return awaitFragments(stderr, "stderr", fragments);
    }

    /** Waits until a line on stdout contains every fragment, and returns it. */
    public String awaitStdout(String... fragments) {
        return awaitFragments(stdout, "stdout", fragments);
    }

    private String awaitFragments(List<String> lines, String name, String... fragments) {
        return awaitLine(lines, name + " to say " + String.join(" ... ", fragments), ANSWER_TIMEOUT,
                line -> Arrays.stream(fragments).allMatch(line::contains))
                .orElseThrow(() -> new AssertionError("the JVM exited before its " + name + " said " + String.join(" ... ", fragments)
                        + "; its stderr:\n" + stderrText()));
    }

    /** The port the agent's metrics endpoint ({@code metrics=0}) bound, from its {@code metrics at} line. */
    public int metricsPort() {
        Matcher line = METRICS_AT.matcher(awaitStderr("chaos-agent: ", "metrics at http://"));
        if (!line.find()) {
            throw new AssertionError("no port in the agent's metrics line; stderr:\n" + stderrText());
        }
        return Integer.parseInt(line.group(1));
    }

    /** A connection to the JVM's own remote JMX connector ({@link Launch#remoteJmx()}), as any JMX client makes it. */
    public JMXConnector jmxConnector() throws IOException {
        return JMXConnectorFactory.connect(jmxUrl());
    }

    /** The address of the JVM's remote JMX connector, as {@code jcmd PID ManagementAgent.status} reports it. */
    public JMXServiceURL jmxUrl() throws IOException {
        List<String> status = run(List.of(JAVA_HOME.resolve("bin").resolve("jcmd").toString(), Long.toString(pid()),
                "ManagementAgent.status"));
        int remote = status.indexOf("Connection Type: remote");
        Optional<String> url = remote < 0 ? Optional.empty()
                : status.subList(remote, status.size()).stream().filter(line -> line.startsWith("URL")).findFirst();
        if (url.isEmpty()) {
            throw new AssertionError("no remote JMX connector (start with remoteJmx()); jcmd says:\n" + String.join("\n", status));
        }
        return new JMXServiceURL(url.get().substring(url.get().indexOf(':') + 1).strip());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            if (exitCommand) {
                stdin.println("0 exit");
            }
            stdin.close();
            if (!exitCommand || !process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** Waits for the first line that matches; empty when the process ended without one. A timeout shows stderr. */
    private Optional<String> awaitLine(List<String> lines, String what, Duration timeout, Predicate<String> wanted) {
        Callable<Optional<String>> found = () -> {
            boolean ended = !process.isAlive();
            Optional<String> line = lines.stream().filter(wanted).findFirst();
            return line.isPresent() || !ended ? line : Optional.of(ENDED);
        };
        try {
            Optional<String> line = Awaitility.await(what).atMost(timeout).until(found, Optional::isPresent);
            return line.get() == ENDED ? Optional.empty() : line;
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the JVM's stderr:\n" + stderrText(), e);
        }
    }

    /** Marks "the process ended" in {@link #awaitLine}; compared by identity. */
    private static final String ENDED = new String("ended");

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

    // ---- helpers for tests

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The directory or jar a class was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a short command to its end; its stdout lines (stderr joined in). */
    private static List<String> run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.lines().map(String::strip).toList();
    }

    /**
     * The {@link CaptureAgent} as an agent jar, once per test run: its class and ASM's (the
     * application need not have ASM), unpacked from the test class path.
     */
    private static synchronized Path captureAgentJar() throws IOException {
        if (captureAgentJar != null) {
            return captureAgentJar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", CaptureAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        // A new file each test run: a name reused from an earlier run (the same PID) could hold an older agent.
        Path jar = Files.createTempFile("chaos-capture-agent", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            String agent = CaptureAgent.class.getName().replace('.', '/');
            copyClasses(codeSource(CaptureAgent.class), name -> name.equals(agent + ".class") || name.startsWith(agent + "$"), out);
            for (Class<?> fromAsm : List.of(ClassReader.class, ClassNode.class, Analyzer.class, Textifier.class)) {
                copyClasses(codeSource(fromAsm), name -> name.startsWith("org/objectweb/asm/"), out);
            }
        }
        captureAgentJar = jar;
        return jar;
    }

    private static Path captureAgentJar;

    /** Copies the classes of a jar or a class directory whose entry names pass. */
    private static void copyClasses(Path source, Predicate<String> names, JarOutputStream out) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = source.relativize(file).toString().replace(File.separatorChar, '/');
                    if (name.endsWith(".class") && names.test(name)) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class") && names.test(e.getName())).toList()) {
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
