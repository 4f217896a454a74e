package dev.chaosagent.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A JDK-only program: says {@code ready}, waits for one line, says {@code bye} and returns from main. */
public final class ExitAfterMain {

    private ExitAfterMain() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println("bye");
    }
}
