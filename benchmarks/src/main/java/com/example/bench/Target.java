package com.example.bench;

import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The method the benchmarks call and the rules target. It is never inlined, so every scenario pays
 * for a real call and the advice (when there is any) sits where it would in an application.
 */
public class Target {

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int compute(int x) {
        return x * 31 + 7;
    }
}
