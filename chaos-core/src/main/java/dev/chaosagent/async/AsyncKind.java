package dev.chaosagent.async;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.fault.ReturnsFault;
import java.util.List;

/**
 * The asynchronous types whose methods hand their caller the result before the work is done: by
 * the method's declared return type, known when it is woven, so that no call asks again.
 */
public enum AsyncKind {
    /** {@code CompletionStage} or {@code CompletableFuture}. */
    STAGE,
    /** Reactor's {@code Mono}. */
    MONO,
    /** Reactor's {@code Flux}. */
    FLUX,
    /** A Kotlin {@code suspend} function: its last parameter is a {@code Continuation}, and it returns {@code Object}. */
    SUSPEND;

    /** The kind of a method returning {@code returnType} (a Java type name), or null when it is synchronous to the agent. */
    public static AsyncKind of(String returnType, List<String> parameterTypes) {
        return switch (returnType) {
            case "java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture" -> STAGE;
            case "reactor.core.publisher.Mono" -> MONO;
            case "reactor.core.publisher.Flux" -> FLUX;
            case "java.lang.Object" -> !parameterTypes.isEmpty()
                    && parameterTypes.get(parameterTypes.size() - 1).equals("kotlin.coroutines.Continuation") ? SUSPEND : null;
            default -> null;
        };
    }

    /** Whether the fault acts on the asynchronous result; the others ({@code cpu}, {@code memory} ...) act in the calling thread. */
    public static boolean actsOnResult(Fault fault) {
        return fault instanceof LatencyFault || fault instanceof ExceptionFault || fault instanceof ReturnsFault;
    }

    /** What the method returns instead of running its body: a result that has already failed, or completed with {@code value}. */
    Object ended(AsyncCall call, Class<?> origin) {
        return switch (this) {
            case STAGE -> StageResults.ended(call);
            case MONO, FLUX -> ReactorResults.of(origin).ended(this == MONO, call);
            case SUSPEND -> call.value; // a failure at entry is thrown: see AsyncCall#ended
        };
    }

    /** What the method returns instead of {@code returned}, the call's effects applied to it. */
    Object apply(AsyncCall call, Object returned, Class<?> origin) {
        return switch (this) {
            case STAGE -> StageResults.apply(call, (java.util.concurrent.CompletionStage<?>) returned);
            case MONO, FLUX -> ReactorResults.of(origin).apply(this == MONO, call, returned);
            case SUSPEND -> SuspendResults.of(origin).apply(call, returned);
        };
    }
}
