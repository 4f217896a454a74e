package dev.chaosagent.logging;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's own logger: one line on stderr per event, prefixed {@code chaos-agent:}, at the level
 * the {@code log=} option sets. A throwable is shown as one line too, unless the level is debug.
 */
final class AgentLogger extends LegacyAbstractLogger {

    private static volatile int threshold = Level.INFO.toInt();
    private static volatile boolean off;

    AgentLogger(String name) {
        this.name = name;
    }

    /** Sets the level of every agent logger: error, warn, info, debug, trace, or off. */
    static void setLevel(String level) {
        off = level.equalsIgnoreCase("off");
        if (!off) {
            // A switch, not Level.valueOf: an enum's valueOf goes through reflection, a few ms at start-up.
            threshold = switch (level.toLowerCase(java.util.Locale.ROOT)) {
                case "error" -> Level.ERROR.toInt();
                case "warn" -> Level.WARN.toInt();
                case "debug" -> Level.DEBUG.toInt();
                case "trace" -> Level.TRACE.toInt();
                default -> Level.INFO.toInt();
            };
        }
    }

    private static boolean enabled(Level level) {
        return !off && level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        StringBuilder line = new StringBuilder("chaos-agent: ");
        if (level != Level.INFO) {
            line.append(level).append(' ');
        }
        line.append(MessageFormatter.basicArrayFormat(pattern, arguments));
        if (throwable != null && !isDebugEnabled()) {
            line.append(" (").append(throwable).append(')');
        }
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (throwable != null && isDebugEnabled()) {
                throwable.printStackTrace(err);
            }
        }
    }
}
