package dev.chaosagent.engine.spi;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ObservedCalls;
import dev.chaosagent.fault.Fault;
import java.util.List;

/**
 * An engine as the weaver and woven code see it: the instrumented methods (sites) and the per-call
 * path. The weaver {@link #register registers} each method it instruments and gets an id that the
 * woven code passes back to {@link #enter} and {@link #exit} on every call. Users never need it;
 * {@link ChaosEngine}'s own API does not show it.
 *
 * <p>The answers of {@link #enter}, {@link #resume} and {@link #exit} follow {@link Fault}'s
 * convention ({@code null}: nothing to do; a value to return, {@link Fault#NULL_RESULT} for null),
 * and may also be an {@link OpenCall} to hand back to {@link #exit} when the call ends. The per-call
 * path takes no lock and allocates nothing unless a rule injects.
 *
 * <p>An abstract class rather than an interface: with one implementation loaded, the JIT calls it
 * without the type check an interface call keeps on every woven call.
 */
public abstract class SiteTable {

    /** The site table of {@code engine}. */
    public static SiteTable of(ChaosEngine engine) {
        return EngineAccess.sites(engine);
    }

    /** Registers an instrumented method (or finds it again) and returns the id its woven code passes back. */
    public abstract int register(WovenMethod method);

    /**
     * Called at the entry of the instrumented method {@code siteId}: {@code null} when no rule counts
     * this call (the woven code then has nothing to do at exit), the value the method must return
     * without running its body, or an {@link OpenCall}: the body runs, and the woven code hands it to
     * {@link #exit} once the body ends, normally or not. May throw the exception a rule injects.
     */
    public abstract Object enter(int siteId) throws Throwable;

    /**
     * As {@link #enter(int)}, for a method whose woven code passes parameters for the {@code argN}
     * scope keys ({@link WovenMethod#passedArguments()}, in that order): primitives widened to a
     * {@code long} (a {@code float} or {@code double} as the bits of a {@code double}), references
     * as they are; a slot it does not use holds 0 and null.
     */
    public abstract Object enter(int siteId, long bits0, Object object0, long bits1, Object object1, long bits2,
            Object object2) throws Throwable;

    /**
     * As {@link #enter(int, long, Object, long, Object, long, Object)}, for a method a preset binds:
     * {@code operand} is what its woven code passes for the preset to read (the receiver or a
     * parameter), held while the call is decided and its entry faults act.
     */
    public abstract Object enter(int siteId, Object operand, long bits0, Object object0, long bits1, Object object1,
            long bits2, Object object2)
            throws Throwable;

    /**
     * As {@link #enter(int)}, for a suspend function entered again to resume a call that its first
     * entry already counted and decided: the call opens again for the rules that act at exit, which
     * decide once its result is there. Returns {@code null} or an {@link OpenCall}.
     */
    public abstract Object resume(int siteId);

    /**
     * Called when a call that {@link #enter} answered with an {@link OpenCall} ends. When the body
     * returned normally, the rules that act at exit decide: {@code null} keeps the return value,
     * anything else is the value to return instead; may throw the injected exception. At an
     * asynchronous method the call may be an {@link dev.chaosagent.async.AsyncCall}, and so may the
     * answer: what the rules decided for what the method returned.
     */
    public abstract Object exit(Object call, boolean returnedNormally) throws Throwable;

    /**
     * Told (under the engine's lock, so in order) each time the engine becomes armed or disarmed, and
     * once now: armed, the master switch is on and some rule can act.
     */
    public abstract void addArmedListener(ArmedListener listener);

    /** What experiments observe now, which the weaver weaves beside the rules' targets. */
    public abstract List<ObservedCalls> observed();
}
