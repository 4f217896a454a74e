package dev.chaosagent.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding inside the agent jar. With SLF4J relocated, the application's own logging
 * never sees the agent's lines and the agent never picks up the application's binding.
 */
public final class AgentLoggerProvider implements SLF4JServiceProvider, ILoggerFactory {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /**
     * Makes this the provider of the agent's SLF4J, at the level of the {@code log=} option; before
     * the agent's first logger. The relocated SLF4J reads {@code dev.chaosagent.slf4j.*} properties
     * (see the pom), never the application's {@code slf4j.*}: naming the provider there spares
     * start-up SLF4J's search of the class path, some 7 ms, and its note that it was named.
     */
    public static void install(String level) {
        System.setProperty("dev.chaosagent.slf4j.provider", AgentLoggerProvider.class.getName());
        System.setProperty("dev.chaosagent.slf4j.internal.verbosity", "WARN");
        AgentLogger.setLevel(level);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            Logger made = new AgentLogger(name);
            logger = loggers.putIfAbsent(name, made);
            return logger != null ? logger : made;
        }
        return logger;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
