package dev.chaosagent.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. Whatever goes wrong here is reported on one line and swallowed: the
 * application must start, with or without chaos.
 */
public final class ChaosAgent {

    private ChaosAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, "premain");
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, "attach");
    }

    private static void start(String arguments, Instrumentation instrumentation, String how) {
        try {
            String stray = AgentJar.strayLocation();
            if (stray != null) {
                System.err.println("chaos-agent: ERROR the agent's classes were loaded from " + stray + ", an application jar that"
                        + " contains chaos-agent, not from chaos-agent.jar; the agent does not start (remove chaos-agent from the"
                        + " application: it belongs on -javaagent only)");
                return;
            }
            AgentRuntime.start(arguments, instrumentation, how);
        } catch (Throwable failure) {
            failedToStart(failure);
        }
    }

    static void failedToStart(Throwable failure) {
        System.err.println("chaos-agent: ERROR the agent failed to start (" + failure + "); the application runs without chaos");
    }
}
