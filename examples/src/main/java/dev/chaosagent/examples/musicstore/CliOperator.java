package dev.chaosagent.examples.musicstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The game day's operator: chaos-agent's CLI ({@code java -jar chaos-agent.jar COMMAND PID ...})
 * against the store's JVM, each command echoed with its answer as an operator would see it.
 */
final class CliOperator implements GameDay.Operator {

    private final String pid;
    private final Path agentJar;

    CliOperator(String pid, Path agentJar) {
        this.pid = pid;
        this.agentJar = agentJar;
    }

    @Override
    public String run(List<String> command) throws IOException, InterruptedException {
        // A short-lived tool: the JIT's first tier is all it needs, and it starts sooner.
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", agentJar.toString(), command.get(0), pid));
        full.addAll(command.subList(1, command.size()));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("chaos-agent CLI failed: " + String.join(" ", command) + ": " + output);
        }
        if (!command.get(0).equals("rules")) {
            System.err.println("  $ java -jar chaos-agent.jar " + command.get(0) + " " + pid + " "
                    + String.join(" ", command.subList(1, command.size())) + "\n    " + output);
        }
        return output;
    }
}
