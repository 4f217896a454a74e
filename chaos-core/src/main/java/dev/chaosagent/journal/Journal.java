package dev.chaosagent.journal;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent;
import dev.chaosagent.engine.ChaosEventListener;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment's story for the blameless postmortem: every engine event, and every 10 s the
 * injections of each rule that injected, as JSON lines ({@code time}, {@code event},
 * {@code message}, {@code rule} when it is about one, {@code plan} when a named plan did it). Kept in memory (the last
 * {@value #MAX_LINES} lines) and appended to a file when one is given; {@link #close()} writes a
 * final summary.
 */
public final class Journal implements ChaosEventListener, AutoCloseable {

    static final int MAX_LINES = 10_000;
    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.journal");

    private final ChaosEngine engine;
    private final Path file;
    private final long summaryMillis;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Map<String, long[]> reported = new HashMap<>();
    private Writer writer;
    private ScheduledExecutorService summaries;
    private boolean fileFailed;
    private boolean closed;

    private Journal(ChaosEngine engine, Path file, long summaryMillis) {
        this.engine = engine;
        this.file = file;
        this.summaryMillis = summaryMillis;
    }

    /**
     * Starts journaling the engine's events.
     *
     * @param file where to append the lines as well, or null for memory only
     */
    public static Journal start(ChaosEngine engine, Path file) {
        return start(engine, file, TimeUnit.SECONDS.toMillis(10));
    }

    static Journal start(ChaosEngine engine, Path file, long summaryMillis) {
        Journal journal = new Journal(engine, file, summaryMillis);
        engine.addListener(journal);
        return journal;
    }

    /** Writes the event's line. */
    @Override
    public void onEvent(ChaosEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", JsonWriter.time(event.time()));
        fields.put("event", event.type().key());
        if (event.rule() != null) {
            fields.put("rule", event.rule());
        }
        if (event.plan() != null) {
            fields.put("plan", event.plan());
        }
        fields.put("message", event.message());
        fields.putAll(event.details());
        append(fields);
        if (event.type() == ChaosEvent.Type.ADDED || event.type() == ChaosEvent.Type.REPLACED) {
            synchronized (this) {
                reported.remove(event.rule());
                startSummaries();
            }
        }
    }

    /** The journal so far, one JSON object per line. */
    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Writes what each rule injected since the last summary; nothing for a rule that did not inject. */
    public void summarise() {
        for (String rule : engine.ruleNames()) {
            long injections;
            long calls;
            long wouldInject;
            try {
                injections = engine.injections(rule);
                calls = engine.calls(rule);
                wouldInject = engine.wouldInject(rule);
            } catch (IllegalArgumentException gone) {
                continue;
            }
            long[] before;
            synchronized (this) {
                before = reported.getOrDefault(rule, new long[3]);
                reported.put(rule, new long[] {injections, calls, wouldInject});
            }
            long newInjections = injections - before[0];
            long newWouldInject = wouldInject - before[2];
            long newCalls = calls - before[1];
            if (newWouldInject > 0) {
                Map<String, Object> fields = injectionsLine(rule, "rule " + rule + " would have injected " + newWouldInject + " times in "
                        + newCalls + " calls (a dry run: nothing was injected)", 0);
                fields.put("wouldInject", newWouldInject);
                fields.put("calls", newCalls);
                append(fields);
            }
            if (newInjections > 0) {
                Map<String, Object> fields = injectionsLine(rule, "rule " + rule + " injected " + newInjections + " times in " + newCalls
                        + " calls (" + injections + " injections in " + calls + " calls since it was added)", newInjections);
                fields.put("calls", newCalls);
                append(fields);
            }
        }
    }

    private static Map<String, Object> injectionsLine(String rule, String message, long injections) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", JsonWriter.time(Instant.now()));
        fields.put("event", "injections");
        fields.put("rule", rule);
        fields.put("message", message);
        fields.put("injections", injections);
        return fields;
    }

    private synchronized void startSummaries() {
        if (summaries == null && !closed) {
            summaries = Executors.newSingleThreadScheduledExecutor(AgentWork.threads("journal"));
            summaries.scheduleAtFixedRate(this::summariseSafely, summaryMillis, summaryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void summariseSafely() {
        try {
            summarise();
        } catch (RuntimeException e) {
            log.warn("journal summary failed: {}", e.toString());
        }
        // With no rule left there is nothing to summarise: the thread goes until a rule is added.
        synchronized (this) {
            if (engine.ruleNames().isEmpty() && summaries != null) {
                summaries.shutdown();
                summaries = null;
            }
        }
    }

    /** Summarises what is left, writes the final line and stops; for JVM shutdown. */
    @Override
    public void close() {
        summarise();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", JsonWriter.time(Instant.now()));
        fields.put("event", "summary");
        fields.put("message", "experiment ended: " + engine.ruleNames().size() + " rules still active, "
                + engine.totalInjections() + " injections in all");
        fields.put("injections", engine.totalInjections());
        append(fields);
        synchronized (this) {
            closed = true;
            if (summaries != null) {
                summaries.shutdownNow();
            }
            closeFile();
        }
    }

    private synchronized void append(Map<String, Object> fields) {
        String line = JsonWriter.object(fields);
        lines.addLast(line);
        if (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
        if (file != null && !fileFailed) {
            try {
                if (writer == null) {
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                writer.write(line);
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                fileFailed = true;
                log.warn("journal {} cannot be written ({}); the journal stays in memory only", file, e.toString());
            }
        }
    }

    private void closeFile() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
            writer = null;
        }
    }

    /** The lines so far, for tests and tools. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
