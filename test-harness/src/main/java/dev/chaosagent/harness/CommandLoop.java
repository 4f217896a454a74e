package dev.chaosagent.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The application side of {@link ForkedJvm}'s protocol, for a forked application to serve: it prints
 * {@code ready}, then reads commands on stdin ({@code ID COMMAND ARGS}) and answers each on stdout
 * ({@code ID ok (Nms) VALUE} or {@code ID err (Nms) TYPE: MESSAGE}) until {@code ID exit}. Uses the
 * JDK only, so an application on a class path of its own can carry this module's jar.
 */
public final class CommandLoop {

    /** What the application does for one command. */
    @FunctionalInterface
    public interface Commands {
        /** The command's value, written with {@code String.valueOf}; what it throws is answered as {@code err}. */
        Object run(String command, String argument) throws Exception;
    }

    private CommandLoop() {
    }

    /** Serves commands until {@code exit} or the end of stdin. */
    public static void serve(Commands commands) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ", 3);
            if (words.length < 2) {
                continue;
            }
            if (words[1].equals("exit")) {
                System.out.println(words[0] + " ok (0ms) bye");
                return;
            }
            long start = System.nanoTime();
            String status = "ok";
            String value;
            try {
                value = String.valueOf(commands.run(words[1], words.length > 2 ? words[2] : ""));
            } catch (Throwable t) {
                status = "err";
                value = t.getClass().getName() + ": " + t.getMessage();
            }
            System.out.println(words[0] + " " + status + " (" + (System.nanoTime() - start) / 1_000_000 + "ms) " + value);
        }
    }
}
