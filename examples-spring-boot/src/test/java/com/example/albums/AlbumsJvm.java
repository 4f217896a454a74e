package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The album service's executable fat jar in a JVM of its own ({@code java [JVM ARGS] -jar albums.jar}),
 * listening on a port of 127.0.0.1 that the system picks, as it runs in production; and the agent
 * jar's CLI against it.
 */
final class AlbumsJvm implements AutoCloseable {

    static final Path AGENT_JAR = ForkedJvm.AGENT_JAR;
    static final Path ALBUMS_JAR = Path.of(System.getProperty("albums.jar", "target/albums.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Boot's line once the server listens: {@code Tomcat started on port 41234 (http) with context path '/'}. */
    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");

    private final ForkedJvm jvm;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlbumsJvm(ForkedJvm jvm) {
        this.jvm = jvm;
        Matcher listening = LISTENING.matcher(jvm.readyLine());
        assertThat(listening.find()).isTrue();
        this.port = Integer.parseInt(listening.group(1));
    }

    /** Starts the fat jar with these JVM arguments (a {@code -javaagent}, or none) and waits until it serves HTTP. */
    static AlbumsJvm start(String... jvmArgs) throws IOException {
        return new AlbumsJvm(ForkedJvm.launchJar(ALBUMS_JAR).jvmArgs(jvmArgs)
                .args("--server.port=0", "--server.address=127.0.0.1", "--spring.main.lazy-initialization=true")
                .readyWhen(LISTENING, Duration.ofSeconds(60))
                .noCommands()
                .start());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String pid() {
        return Long.toString(jvm.pid());
    }

    /** Its stdout and stderr: Boot's log and the agent's {@code chaos-agent:} lines. */
    String log() {
        return String.join("\n", jvm.stdout()) + "\n" + jvm.stderrText();
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
    public void close() throws Exception {
        jvm.close();
    }
}
