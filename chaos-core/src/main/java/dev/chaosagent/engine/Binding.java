package dev.chaosagent.engine;

import dev.chaosagent.async.AsyncKind;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.preset.DeferredOperation;
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
    /** How the rule's preset defers the operation of this method, or null when the fault acts on the call itself. */
    final DeferredOperation deferred;
    /** The rule is bound to this method only: each call of it counts, a direct recursion included. */
    final boolean solo;
    /**
     * Every rule of this binding's site is solo, acts at entry in the calling thread, has no scope
     * and no preset, and no experiment observes the site: its calls need no frame.
     */
    final boolean frameless;
    private final Object returnValue;

    Binding(ActiveRule rule, WovenMethod method, Object returnValue, AsyncKind async, DeferredOperation deferred, boolean solo,
            boolean frameless) {
        this.rule = rule;
        this.async = async;
        this.deferred = deferred;
        this.method = method;
        this.atEntry = rule.rule.at() == At.ENTRY;
        this.scope = rule.rule.scope().isEmpty() ? null : rule.rule.scope();
        this.solo = solo;
        this.frameless = frameless;
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
    public void runAfter(long nanos, Runnable task) {
        rule.resources.delays.runAfter(nanos, task);
    }

    @Override
    public Object returnValue() {
        return returnValue;
    }

    @Override
    public String returnType() {
        return method.returnType();
    }

    @Override
    public Object operand() {
        return ThreadCalls.current().operand();
    }
}
