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
 * The SLF4J binding inside the agent jar, which {@link AgentLoggerFactory} hands out. With SLF4J
 * relocated, the application's own logging never sees the agent's lines and the agent never picks
 * up the application's binding.
 */
public final class AgentLoggerProvider implements SLF4JServiceProvider, ILoggerFactory {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    /** Made when SLF4J first asks: the agent uses neither markers nor its own MDC, and premain loads neither. */
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** Sets the level of every agent logger from the {@code log=} option: error, warn, info, debug, trace, or off. */
    public static void setLevel(String level) {
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
    public synchronized IMarkerFactory getMarkerFactory() {
        if (markers == null) {
            markers = new BasicMarkerFactory();
        }
        return markers;
    }

    @Override
    public synchronized MDCAdapter getMDCAdapter() {
        if (mdc == null) {
            mdc = new NOPMDCAdapter();
        }
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
