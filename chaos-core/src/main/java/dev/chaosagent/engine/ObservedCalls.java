package dev.chaosagent.engine;

import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;
import dev.chaosagent.scope.ScopedCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment observes and who is told: the calls of a target pattern, or the operations of
 * a preset that its scope keys select (one operation, one call), whose outcome the preset may judge
 * at the call's end (an HTTP server's 5xx answer fails though nothing was thrown).
 */
public final class ObservedCalls {

    private final CallObserver observer;
    private final List<TargetPattern> methods;
    private final Preset preset;
    private final Scope scope;

    /** @param observe the observed methods when {@code preset} is null; ignored otherwise */
    public ObservedCalls(CallObserver observer, TargetPattern observe, Preset preset, Scope scope) {
        this.observer = observer;
        this.preset = preset;
        this.scope = preset == null ? Scope.NONE : scope;
        List<TargetPattern> patterns = new ArrayList<>();
        if (preset == null) {
            patterns.add(observe);
        } else {
            for (PresetMethod method : preset.methods()) {
                patterns.add(method.method());
            }
        }
        this.methods = List.copyOf(patterns);
    }

    CallObserver observer() {
        return observer;
    }

    /** The observed methods, which instrumentation weaves as it weaves targets. */
    public List<TargetPattern> methods() {
        return methods;
    }

    /** The preset whose operations are observed (its methods are woven to pass their operand), or null. */
    public Preset preset() {
        return preset;
    }

    boolean matches(WovenMethod info) {
        for (TargetPattern pattern : methods) {
            if (pattern.matchesType(info.className(), info.supertypes()) && pattern.matchesMethod(info.methodName(), info.parameterTypes())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the call being decided is observed: always for a target pattern, for a preset when its keys select it. */
    boolean admits(ScopedCall call) {
        return scope.admits(call);
    }

    /** Whether the outcome is read from the call's operand at its end, which must then be kept till then. */
    boolean readsOutcome() {
        return preset != null;
    }

    /** The observed call ended; {@code operand} is null unless {@link #readsOutcome}. */
    void ended(long durationNanos, boolean thrown, Object operand) {
        boolean failed = thrown;
        if (!thrown && operand != null) {
            try {
                failed = preset.failed(operand);
            } catch (Throwable agentFailure) {
                failed = false; // the agent could not read the outcome: counted as the call ended, without an exception
            }
        }
        observer.ended(durationNanos, failed);
    }
}
