package dev.chaosagent.async;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.FaultFailedException;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.DeferredOperation;

/**
 * What a fault does to an operation that the bound method only hands to its library
 * ({@link DeferredOperation}), at entry: a latency holds the operation back and sends it that much
 * later, from the shared scheduler, while the call returns at once; whatever a fault throws fails
 * the operation instead of the calling thread; the other faults act in the calling thread as usual.
 */
public final class DeferredCalls {

    private DeferredCalls() {
    }

    /** What the bound method returns; it throws only the fault's own failure ({@link FaultFailedException}). */
    public static Object act(DeferredOperation deferred, Fault fault, FaultContext context, long n, DelayGroup group) throws Throwable {
        Object operand = context.operand();
        if (fault instanceof LatencyFault latency) {
            long nanos = latency.nanos(context, n);
            Object held = deferred.held(operand);
            new HeldSend(group, deferred, operand).startAfter(nanos);
            return held;
        }
        try {
            return fault.inject(context, n);
        } catch (FaultFailedException own) {
            throw own;
        } catch (Throwable injected) {
            try {
                return deferred.fail(operand, injected);
            } catch (RuntimeException | LinkageError failing) {
                throw new FaultFailedException("cannot fail the operation with " + injected + ": " + failing, failing);
            }
        }
    }

    /** An operation held back by a latency: sent when its time comes, or at once when its rule ends first. */
    private static final class HeldSend extends PendingDelay {
        private final DeferredOperation deferred;
        private final Object operand;

        HeldSend(DelayGroup group, DeferredOperation deferred, Object operand) {
            super(group);
            this.deferred = deferred;
            this.operand = operand;
        }

        @Override
        void complete() {
            // The agent's own call: the bound methods it reaches again are the call already counted and decided.
            AgentWork.run(() -> deferred.send(operand));
        }
    }
}
