package dev.chaosagent.fault;

/** {@code threads=2}: each injection starts that many parked threads, held until the rule ends, like a leak. */
public record ThreadsFault(int count) implements Fault {

    @Override
    public String key() {
        return "threads";
    }

    @Override
    public String value() {
        return Integer.toString(count);
    }

    @Override
    public Object inject(FaultContext context, long n) {
        context.retainThreads(count);
        return null;
    }
}
