package dev.chaosagent.engine;

import dev.chaosagent.async.AsyncKind;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.rule.At;
import dev.chaosagent.scope.Scope;

/** One rule bound to one method: what a fault sees of the call it acts on. */
final class Binding implements FaultContext {

    final ActiveRule rule;
    final WovenMethod method;
    /** Whether the rule acts before the body rather than after it. */
    final boolean atEntry;
    /** The rule's scope, or null when it acts on every call. */
    final Scope scope;
    /** The asynchronous type the fault acts on, or null when it acts in the calling thread. */
    final AsyncKind async;
    private final Object returnValue;

    Binding(ActiveRule rule, WovenMethod method, Object returnValue, AsyncKind async) {
        this.rule = rule;
        this.async = async;
        this.method = method;
        this.atEntry = rule.rule.at() == At.ENTRY;
        this.scope = rule.rule.scope().isEmpty() ? null : rule.rule.scope();
        this.returnValue = returnValue;
    }

    @Override
    public String ruleName() {
        return rule.name;
    }

    @Override
    public long randomBetween(long min, long max, long n) {
        return rule.chance().between(min, max, n);
    }

    @Override
    public void retainHeap(long bytes) {
        rule.resources.retainHeap(bytes);
    }

    @Override
    public void retainThreads(int count) {
        rule.resources.retainThreads(count);
    }

    @Override
    public boolean acting() {
        return rule.acting();
    }

    @Override
    public Object returnValue() {
        return returnValue;
    }
}
