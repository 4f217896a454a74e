package dev.chaosagent.engine.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One woven method, described by names only, so that the engine can decide which rules
 * apply to it without loading or inspecting classes. Type names are Java source names
 * ({@code int}, {@code byte[]}, {@code java.lang.String}, {@code a.Outer$Inner}).
 *
 * @param supertypes     every superclass and interface of the declaring class, transitively
 * @param jdk            whether the class is the JVM's own, whose methods the agent itself may call
 *                       (such sites are guarded against re-entry from a fault's own work)
 * @param passedArguments the indexes of the parameters the woven code passes on each call, for the
 *                       {@code argN} scope keys, in the order it passes them
 */
public record WovenMethod(String className, String methodName, List<String> parameterTypes, String returnType,
                         List<String> declaredExceptions, Set<String> supertypes, boolean jdk, List<Integer> passedArguments) {

    public WovenMethod {
        parameterTypes = List.copyOf(parameterTypes);
        declaredExceptions = List.copyOf(declaredExceptions);
        supertypes = Set.copyOf(supertypes);
        passedArguments = List.copyOf(passedArguments);
    }

    /** A method whose woven code passes no parameter. */
    public WovenMethod(String className, String methodName, List<String> parameterTypes, String returnType,
                      List<String> declaredExceptions, Set<String> supertypes, boolean jdk) {
        this(className, methodName, parameterTypes, returnType, declaredExceptions, supertypes, jdk, List.of());
    }

    // Written out: a record's own equals and hashCode bootstrap through invokedynamic, some 15 ms
    // the first time in a JVM, and the first rule registers its sites here.
    @Override
    public boolean equals(Object other) {
        return other instanceof WovenMethod method && jdk == method.jdk && className.equals(method.className)
                && methodName.equals(method.methodName) && parameterTypes.equals(method.parameterTypes)
                && returnType.equals(method.returnType) && declaredExceptions.equals(method.declaredExceptions)
                && supertypes.equals(method.supertypes) && passedArguments.equals(method.passedArguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, methodName, parameterTypes, returnType, declaredExceptions, supertypes, jdk, passedArguments);
    }

    /** {@code com.acme.Client#fetch(java.lang.String)}, as users write targets. */
    public String signature() {
        return className + '#' + methodName + '(' + String.join(",", parameterTypes) + ')';
    }
}
