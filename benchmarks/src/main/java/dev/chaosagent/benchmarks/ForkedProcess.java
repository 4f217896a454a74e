package dev.chaosagent.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JVM the measurements start, with its stdout (and, when asked, its stderr) as a queue of lines. */
final class ForkedProcess implements AutoCloseable {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    ForkedProcess(List<String> command) throws IOException {
        this(command, false);
    }

    /** @param withStderr whether stderr's lines join stdout's: the agent logs there (the port it bound, say) */
    ForkedProcess(List<String> command, boolean withStderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        process = (withStderr ? builder.redirectErrorStream(true) : builder.redirectError(ProcessBuilder.Redirect.DISCARD)).start();
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "forked-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Waits for a line starting with {@code prefix} and returns it; fails after 60 s. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("no line starting with \"" + prefix + "\" within 60 s");
    }

    /** Every line the process wrote, once it has ended. */
    List<String> linesToTheEnd() throws InterruptedException {
        process.waitFor();
        reader.join();
        List<String> all = new ArrayList<>();
        lines.drainTo(all);
        return all;
    }

    void send(String line) {
        stdin.println(line);
    }

    long pid() {
        return process.pid();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
