package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The album service's executable fat jar in a JVM of its own ({@code java [JVM ARGS] -jar albums.jar}),
 * listening on a free port of 127.0.0.1, as it runs in production; and the agent jar's CLI against it.
 */
final class AlbumsJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("chaos.agent.jar", "../../chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
    static final Path ALBUMS_JAR = Path.of(System.getProperty("albums.jar", "target/albums.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlbumsJvm(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the fat jar with these JVM arguments (a {@code -javaagent}, or none) and waits until it serves HTTP. */
    static AlbumsJvm start(Path dir, String... jvmArgs) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(Arrays.asList(jvmArgs));
        command.addAll(List.of("-jar", ALBUMS_JAR.toString(), "--server.port=" + port, "--spring.main.lazy-initialization=true"));
        Path log = Files.createTempFile(dir, "albums", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlbumsJvm albums = new AlbumsJvm(process, log, port);
        Awaitility.await("the album service to listen on port " + port).atMost(Duration.ofSeconds(60))
                .until(() -> albums.listening() || !process.isAlive());
        assertThat(process.isAlive()).as("the album service runs; its log:%n%s", albums.log()).isTrue();
        return albums;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String pid() {
        return Long.toString(process.pid());
    }

    /** Its stdout and stderr: Boot's log and the agent's {@code chaos-agent:} lines. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    record Run(int exitCode, String out, String err) {
    }

    /** {@code java -jar chaos-agent.jar ARGS}, as an operator types it. */
    static Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", AGENT_JAR.toString()));
        command.addAll(Arrays.asList(args));
        return run(command);
    }

    /** The classes Spring Boot's {@code LaunchedClassLoader} defined (from {@code BOOT-INF/}), as {@code jcmd} lists them. */
    String classesOfBootsLoader() throws IOException, InterruptedException {
        Run jcmd = run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid(),
                "VM.classloaders", "show-classes=true"));
        assertThat(jcmd.exitCode()).as(jcmd.err()).isZero();
        String loader = "+-- org.springframework.boot.loader.launch.LaunchedClassLoader";
        assertThat(jcmd.out()).contains(loader);
        return jcmd.out().substring(jcmd.out().indexOf(loader));
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
