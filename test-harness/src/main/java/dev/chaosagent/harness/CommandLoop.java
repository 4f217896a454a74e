package dev.chaosagent.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The stdin loop of the applications the tests fork ({@link ForkedJvm}'s other end): it prints
 * {@code ready}, then reads commands, one per line ({@code ID COMMAND ARGS}), and answers each on
 * stdout, {@code ID ok (Nms) VALUE} or {@code ID err (Nms) TYPE: MESSAGE}, until {@code ID exit}
 * (answered {@code ID ok (0ms) bye}) or the end of stdin. A command that throws is an answer, never
 * the application's end, so a test sees exactly what a caller would. Only the JDK: it runs on the
 * application's class path.
 */
public final class CommandLoop {

    /** What an application does for a command: its value is the answer. */
    @FunctionalInterface
    public interface Commands {
        Object run(String command, String argument) throws Exception;
    }

    private CommandLoop() {
    }

    /** Serves the commands until {@code exit} or the end of stdin, then returns. */
    public static void serve(Commands commands) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
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
            // One line per answer, whatever the value holds.
            System.out.println(words[0] + " " + status + " (" + (System.nanoTime() - start) / 1_000_000 + "ms) " + value.replace('\n', ' '));
        }
    }
}
