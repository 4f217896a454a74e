package dev.chaosagent.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/** The harness's own forked application: {@code ID echo TEXT}, {@code ID shape CLASS}, {@code ID warn TEXT} (to stderr). */
public final class EchoApp {

    private EchoApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + String.join(" ", args));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ", 3);
            String argument = words.length > 2 ? words[2] : "";
            switch (words[1]) {
                case "exit" -> {
                    return;
                }
                case "echo" -> System.out.println(words[0] + " ok " + argument);
                case "warn" -> {
                    System.err.println(argument);
                    System.out.println(words[0] + " ok");
                }
                case "shape" -> {
                    try {
                        System.out.println(words[0] + " ok " + Class.forName("dev.chaosagent.harness.CaptureAgent")
                                .getMethod("shape", Class.class).invoke(null, Class.forName(argument)));
                    } catch (InvocationTargetException e) {
                        e.getCause().printStackTrace();
                        System.out.println(words[0] + " err " + e.getCause());
                    }
                }
                default -> System.out.println(words[0] + " err unknown command");
            }
        }
    }
}
