package com.example.bench;

import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The method the benchmarks call and the rules target. It is never inlined, so every scenario pays
 * for a real call and the woven calls (when there are any) sit where they would in an application.
 */
public class Target {

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int compute(int x) {
        return x * 31 + 7;
    }
}
