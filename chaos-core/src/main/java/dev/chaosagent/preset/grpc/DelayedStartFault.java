package dev.chaosagent.preset.grpc;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.LatencyFault;

/**
 * {@code latency=300ms} on a gRPC client call: the call's stream starts that much later, and the
 * thread that started the call goes on at once (contract sections 11 and 12: an async stub's
 * {@code onNext}, a future stub's future, a blocking stub's answer all come that much later; the
 * caller of a future or async stub is never held). What the call does meanwhile waits in gRPC's own
 * delayed stream; a deadline that passes meanwhile ends the call as it would a slow one.
 */
final class DelayedStartFault extends DeliveredFault<LatencyFault> {

    DelayedStartFault(LatencyFault latency) {
        super(latency);
    }

    @Override
    public Object inject(FaultContext context, long n) throws Exception {
        long nanos = fault.nanos(context, n);
        // The stream is made as the agent's own work, so that the preset does not count its method's call again.
        return GrpcCall.delayedStream(context.operand(), action -> context.runAfter(nanos, () -> AgentWork.run(action)));
    }
}
