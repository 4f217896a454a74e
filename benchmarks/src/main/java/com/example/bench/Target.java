package com.example.bench;

import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The method the benchmarks call and the rules target. It is never inlined, so every scenario pays
 * for a real call and the woven calls (when there are any) sit where they would in an application.
 */
public class Target {

    private static final CompletableFuture<Integer> DONE = CompletableFuture.completedFuture(7);

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int compute(int x) {
        return x * 31 + 7;
    }

    /** An asynchronous method, as cheap as {@link #compute}: its future is already complete. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public CompletableFuture<Integer> computeAsync(int x) {
        return x == 0 ? null : DONE;
    }
}
