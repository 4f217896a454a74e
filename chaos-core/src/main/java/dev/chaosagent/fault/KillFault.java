package dev.chaosagent.fault;

/** {@code kill=137}: halts the JVM with that exit code, without shutdown hooks, as a crash would. */
public record KillFault(int exitCode) implements Fault {

    @Override
    public String key() {
        return "kill";
    }

    @Override
    public String value() {
        return Integer.toString(exitCode);
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public Object inject(FaultContext context, long n) {
        Runtime.getRuntime().halt(exitCode);
        return null;
    }
}
