package dev.chaosagent.engine;

/**
 * Marks the threads that are running the agent's own work (a fault, a listener), so that a JDK
 * method they call, and which a rule targets, is not injected again: no recursion, no counting the
 * agent's own calls. Only sites in JDK classes ask, as only those can be reached from that work.
 */
final class Reentrancy {

    // A boolean[] rather than a Boolean so that no class of the application is ever held.
    private static final ThreadLocal<boolean[]> INSIDE = new ThreadLocal<>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private Reentrancy() {
    }

    static boolean inside() {
        return INSIDE.get()[0];
    }

    /** Enters; returns false when the thread was already inside (the caller then must not leave). */
    static boolean enter() {
        boolean[] flag = INSIDE.get();
        if (flag[0]) {
            return false;
        }
        flag[0] = true;
        return true;
    }

    static void leave() {
        INSIDE.get()[0] = false;
    }
}
