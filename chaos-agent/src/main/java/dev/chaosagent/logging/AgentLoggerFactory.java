package dev.chaosagent.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's {@code LoggerFactory} inside the agent jar. The jar relocates every call to
 * {@code org.slf4j.LoggerFactory} here (the agent's, chaos-core's, the relocated Micrometer's and
 * SLF4J's own; see the pom), so the agent's loggers come from its one binding at once. SLF4J's own
 * discovery would cost an empty plan's premain about a third of its time in a cold JVM: substitute
 * and fallback providers built in its static initialiser, a {@code String.format} for a message it
 * then drops (the first one in a JVM parses its pattern with regular expressions, interpreted) and a
 * reflective instantiation of the provider. Outside the jar (the modules' own tests) SLF4J's
 * {@code LoggerFactory} runs and finds {@link AgentLoggerProvider} by its service file.
 */
public final class AgentLoggerFactory {

    private static final AgentLoggerProvider PROVIDER = new AgentLoggerProvider();

    private AgentLoggerFactory() {
    }

    public static Logger getLogger(String name) {
        return PROVIDER.getLogger(name);
    }

    public static Logger getLogger(Class<?> type) {
        return PROVIDER.getLogger(type.getName());
    }

    public static ILoggerFactory getILoggerFactory() {
        return PROVIDER;
    }

    /** What SLF4J's {@code MDC} and {@code MarkerFactory} ask for. */
    public static SLF4JServiceProvider getProvider() {
        return PROVIDER;
    }
}
