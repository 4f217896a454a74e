package dev.chaosagent.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The effects of an {@link AsyncCall} on a {@code CompletionStage}: a future that has failed or
 * completed, or a new future that completes as the returned one did, later or otherwise. A plain
 * {@code CompletableFuture} fits both declared types; nothing the caller does to it can make the
 * agent complete it twice.
 */
final class StageResults {

    private StageResults() {
    }

    static Object ended(AsyncCall call) {
        return call.failure != null ? CompletableFuture.failedFuture(call.failure) : CompletableFuture.completedFuture(call.value);
    }

    static Object apply(AsyncCall call, CompletionStage<?> returned) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        returned.whenComplete(new Completion(call, result));
        return result;
    }

    /**
     * Waits for the returned stage, then completes the caller's future with its outcome, the call's
     * effects applied; as the scheduled task when there is a delay.
     */
    private static final class Completion extends PendingDelay implements BiConsumer<Object, Throwable> {
        private final long entryDelayNanos;
        private final long exitDelayNanos;
        private final boolean replaces;
        private final CompletableFuture<Object> result;
        private Object value;
        private Throwable failure;

        Completion(AsyncCall call, CompletableFuture<Object> result) {
            super(call.group);
            entryDelayNanos = call.entryDelayNanos;
            exitDelayNanos = call.exitDelayNanos;
            replaces = call.replaces;
            value = call.value;
            failure = call.failure;
            this.result = result;
        }

        @Override
        public void accept(Object returnedValue, Throwable returnedFailure) {
            long delay = entryDelayNanos;
            if (returnedFailure != null) {
                failure = returnedFailure;
            } else {
                delay += exitDelayNanos;
                if (!replaces) {
                    value = returnedValue;
                }
            }
            // A delay implies a group: only a latency sets one.
            if (delay > 0 && !group.released) {
                startAfter(delay);
            } else {
                complete();
            }
        }

        @Override
        void complete() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }
}
