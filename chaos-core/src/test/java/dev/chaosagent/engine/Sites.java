package dev.chaosagent.engine;

import java.util.List;
import java.util.Set;

/** Method sites as instrumentation would register them. */
final class Sites {

    private Sites() {
    }

    static MethodSite method(String className, String method, String returnType, String... declaredExceptions) {
        return new MethodSite(className, method, List.of(), returnType, List.of(declaredExceptions), Set.of("java.lang.Object"), false);
    }

    static MethodSite subtype(String className, String method, Set<String> supertypes) {
        return new MethodSite(className, method, List.of(), "void", List.of(), supertypes, false);
    }
}
