package dev.chaosagent.engine;

import dev.chaosagent.async.AsyncCall;
import dev.chaosagent.async.DeferredCalls;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.FaultFailedException;
import dev.chaosagent.fault.PresetFault;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.trigger.Chance;
import dev.chaosagent.trigger.Triggers;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule while it is in the engine: its state, its counters, its resources. The hot path
 * ({@link #onCall}) takes no lock and allocates nothing unless it injects; calls are counted, and a
 * rule of probability alone rolled, per thread ({@link CallTally}: no atomic instruction), injections
 * in a {@link LongAdder}, and the exact call ordinal is kept only for rules whose decision needs it.
 */
final class ActiveRule {

    private static final Logger injectionLog = LoggerFactory.getLogger("dev.chaosagent.injection");

    final Rule rule;
    final String name;
    final RuleResources resources;
    final long addedAtNanos;
    private final Fault fault;
    private final Triggers triggers;
    private final Chance chance;
    private final boolean numbered;
    private final CallTally calls;
    private final LongAdder injections = new LongAdder();
    private final LongAdder wouldInject = new LongAdder();
    final PlanGate gate;
    private final AtomicLong ordinal = new AtomicLong();
    private final AtomicLong limitUsed = new AtomicLong();
    private final RuleCallbacks callbacks;
    private volatile RuleState state;
    /**
     * The rule is armed and its gate open: the one field a call reads for the two. Written under this
     * rule's monitor whenever either changes, so a change takes effect from the next call on.
     */
    private volatile boolean acting;
    volatile ScheduledFuture<?> expiry;
    /** Methods this rule was refused at (reported once each); guarded by the engine's lock. */
    final Set<WovenMethod> refusedMethods = new HashSet<>();
    /** Methods a preset rule was bound to (reported once each); guarded by the engine's lock. */
    final Set<WovenMethod> boundPresetMethods = new HashSet<>();

    ActiveRule(Rule rule, Chance chance, RuleResources resources, RuleCallbacks callbacks, PlanGate gate, boolean dormant) {
        this.rule = rule;
        this.gate = gate;
        this.name = rule.name();
        this.fault = rule.acting();
        this.triggers = rule.triggers();
        this.chance = chance;
        this.numbered = triggers.countsCalls() || chance.usesCallNumber();
        // A rule of probability alone: its calls' tally also selects them; any other rule's tally passes every call on.
        boolean rolls = !numbered && triggers.threshold() < Chance.RANGE;
        this.calls = new CallTally(rolls ? (double) triggers.threshold() / Chance.RANGE : 1);
        this.resources = resources;
        this.callbacks = callbacks;
        this.addedAtNanos = System.nanoTime();
        this.state = rule.enabled() && !dormant ? RuleState.ARMED : RuleState.DISABLED;
        gate.attach(this);
        follow();
    }

    /** One call of a method this rule is bound to: counts it, decides, and injects when selected. */
    Object onCall(Binding binding) throws Throwable {
        if (!acting) {
            return null;
        }
        if (!calls.count()) {
            // The common case, a probability alone: this thread has not reached its next selected call.
            return null;
        }
        return decide(binding);
    }

    /**
     * A call its tally passed on: the rule's other triggers and its limit decide, then it injects.
     * Kept apart so that {@link #onCall} stays small once compiled: the JIT inlines a method already
     * compiled on its own into the woven method only while that code is small (InlineSmallCode), and
     * which of the two it compiles first varies from run to run.
     */
    private Object decide(Binding binding) throws Throwable {
        long n = 0;
        if (numbered) {
            n = ordinal.incrementAndGet();
            if (!triggers.selects(n, chance)) {
                return null;
            }
        }
        if (triggers.limit() > 0) {
            long used = limitUsed.incrementAndGet();
            if (used > triggers.limit()) {
                return null;
            }
            if (used == triggers.limit()) {
                exhaust();
            }
        }
        if (gate.isDryRun()) {
            wouldInject.increment();
            return null;
        }
        injections.increment();
        callbacks.countInjection();
        return inject(binding, n);
    }

    private Object inject(Binding binding, long n) throws Throwable {
        boolean entered = Reentrancy.enter();
        try {
            if (injectionLog.isDebugEnabled()) {
                injectionLog.debug("rule {}: {}={} at {}", name, fault.key(), fault.value(), binding.method.signature());
            }
            if (binding.async != null) {
                return AsyncCall.of(binding.async, fault, binding, n, binding.atEntry, resources.delays);
            }
            if (binding.deferred != null) {
                return DeferredCalls.act(binding.deferred, fault, binding, n, resources.delays);
            }
            return fault.inject(binding, n);
        } catch (Throwable t) {
            if ((fault instanceof ExceptionFault || fault instanceof PresetFault preset && preset.injectsException())
                    && !(t instanceof FaultFailedException)) {
                throw t;
            }
            callbacks.reportFailure(this, t);
            return null;
        } finally {
            if (entered) {
                Reentrancy.leave();
            }
        }
    }

    private void exhaust() {
        synchronized (this) {
            if (state != RuleState.ARMED) {
                return;
            }
            state = RuleState.EXHAUSTED;
            follow();
        }
        callbacks.exhausted(this);
        callbacks.publish(ChaosEvent.Type.EXHAUSTED, name, "rule " + name + " reached its limit of "
                + triggers.limit() + " injections and stopped injecting");
    }

    /** Enables or disables; false when the rule is exhausted or ended (nothing changes). */
    synchronized boolean setEnabled(boolean enabled) {
        if (state == RuleState.ARMED || state == RuleState.DISABLED) {
            state = enabled ? RuleState.ARMED : RuleState.DISABLED;
            follow();
            return true;
        }
        return false;
    }

    /** Ends the rule for good: it stops acting at once and lets go of what its faults retained. */
    void end() {
        synchronized (this) {
            state = RuleState.ENDED;
            follow();
        }
        gate.detach(this);
        ScheduledFuture<?> pending = expiry;
        if (pending != null) {
            pending.cancel(false);
        }
        resources.release();
    }

    RuleState state() {
        return state;
    }

    long calls() {
        return calls.sum();
    }

    long injections() {
        return injections.sum();
    }

    /** Calls a dry run selected and left alone. */
    long wouldInject() {
        return wouldInject.sum();
    }

    /** Whether the rule may still act on a call: a latency it is sleeping ends early when not. */
    boolean acting() {
        return acting;
    }

    /** Makes {@link #acting} follow the rule's state and its gate, after a change to either; from the next call on. */
    synchronized void follow() {
        acting = state == RuleState.ARMED && gate.isOpen();
    }

    Fault fault() {
        return fault;
    }

    Chance chance() {
        return chance;
    }
}
