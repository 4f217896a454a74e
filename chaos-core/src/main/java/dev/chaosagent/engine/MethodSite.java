package dev.chaosagent.engine;

import java.util.List;
import java.util.Set;

/**
 * One instrumented method, described by names only, so that the engine can decide which rules
 * apply to it without loading or inspecting classes. Type names are Java source names
 * ({@code int}, {@code byte[]}, {@code java.lang.String}, {@code a.Outer$Inner}).
 *
 * @param supertypes     every superclass and interface of the declaring class, transitively
 * @param jdk            whether the class is the JVM's own, whose methods the agent itself may call
 *                       (such sites are guarded against re-entry from a fault's own work)
 * @param canReturn      whether the advice woven here can end the call with a value; a method is
 *                       re-woven when a {@code returns} rule arrives, and until then it cannot
 */
public record MethodSite(String className, String methodName, List<String> parameterTypes, String returnType,
                         List<String> declaredExceptions, Set<String> supertypes, boolean jdk, boolean canReturn) {

    public MethodSite {
        parameterTypes = List.copyOf(parameterTypes);
        declaredExceptions = List.copyOf(declaredExceptions);
        supertypes = Set.copyOf(supertypes);
    }

    /** A site whose advice can end the call with a value. */
    public MethodSite(String className, String methodName, List<String> parameterTypes, String returnType,
                      List<String> declaredExceptions, Set<String> supertypes, boolean jdk) {
        this(className, methodName, parameterTypes, returnType, declaredExceptions, supertypes, jdk, true);
    }

    /** {@code com.acme.Client#fetch(java.lang.String)}, as users write targets. */
    public String signature() {
        return className + '#' + methodName + '(' + String.join(",", parameterTypes) + ')';
    }
}
