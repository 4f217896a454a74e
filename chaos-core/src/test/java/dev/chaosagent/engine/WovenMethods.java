package dev.chaosagent.engine;

import dev.chaosagent.engine.spi.WovenMethod;
import java.util.List;
import java.util.Set;

/** Woven methods as instrumentation would register them. */
final class WovenMethods {

    private WovenMethods() {
    }

    static WovenMethod method(String className, String method, String returnType, String... declaredExceptions) {
        return new WovenMethod(className, method, List.of(), returnType, List.of(declaredExceptions), Set.of("java.lang.Object"), false);
    }

    static WovenMethod subtype(String className, String method, Set<String> supertypes) {
        return new WovenMethod(className, method, List.of(), "void", List.of(), supertypes, false);
    }
}
