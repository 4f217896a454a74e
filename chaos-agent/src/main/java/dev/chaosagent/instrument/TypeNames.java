package dev.chaosagent.instrument;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** The names of a type's supertypes, from a loaded class or from Byte Buddy's description of one. */
final class TypeNames {

    private TypeNames() {
    }

    static Set<String> supertypes(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> current = todo.poll();
            Class<?> superclass = current.getSuperclass();
            if (superclass != null && names.add(superclass.getName())) {
                todo.add(superclass);
            }
            for (Class<?> implemented : current.getInterfaces()) {
                if (names.add(implemented.getName())) {
                    todo.add(implemented);
                }
            }
        }
        return names;
    }

    /**
     * Walks the hierarchy as far as it can be resolved: a supertype that cannot be found (not on
     * the class path) ends that branch rather than failing the class.
     */
    static Set<String> supertypes(TypeDescription type) {
        Set<String> names = new LinkedHashSet<>();
        Deque<TypeDefinition> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            TypeDefinition current = todo.poll();
            try {
                TypeDescription.Generic superclass = current.getSuperClass();
                if (superclass != null && names.add(superclass.asErasure().getName())) {
                    todo.add(superclass.asErasure());
                }
                for (TypeDescription implemented : current.getInterfaces().asErasures()) {
                    if (names.add(implemented.getName())) {
                        todo.add(implemented);
                    }
                }
            } catch (RuntimeException unresolvable) {
                // keep what was found so far
            }
        }
        return names;
    }

    /** Classes of the JDK itself, which the agent's own work may call into. */
    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }
}
