package dev.chaosagent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import net.bytebuddy.jar.asm.ClassReader;

/** The names of a type's supertypes, from a loaded class or from a class file about to load. */
final class TypeNames {

    private static final String OBJECT = "java/lang/Object";

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
     * The supertypes of a loaded class, read on the first {@code get} and kept: most classes are
     * decided by name and never ask. Not a lambda, as it serves the first rule's scan.
     */
    static Supplier<Set<String>> supertypesWhenAsked(Class<?> type) {
        return new Supplier<>() {
            private Set<String> names;

            @Override
            public Set<String> get() {
                if (names == null) {
                    names = supertypes(type);
                }
                return names;
            }
        };
    }

    /**
     * The supertypes of a class that is being defined, read from class files as resources of its
     * loader (loading them as classes inside a transformer could recurse). A supertype whose class
     * file cannot be found ends that branch rather than failing the class.
     */
    static Set<String> supertypes(ClassLoader loader, byte[] classFile) {
        Set<String> internalNames = new LinkedHashSet<>();
        Deque<ClassReader> todo = new ArrayDeque<>();
        todo.add(new ClassReader(classFile));
        while (!todo.isEmpty()) {
            ClassReader current = todo.poll();
            String superName = current.getSuperName();
            if (superName != null && internalNames.add(superName)) {
                read(loader, superName, todo);
            }
            for (String implemented : current.getInterfaces()) {
                if (internalNames.add(implemented)) {
                    read(loader, implemented, todo);
                }
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : internalNames) {
            names.add(name.replace('/', '.'));
        }
        return names;
    }

    private static void read(ClassLoader loader, String internalName, Deque<ClassReader> todo) {
        if (internalName.equals(OBJECT)) {
            return;
        }
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in != null) {
                todo.add(new ClassReader(in.readAllBytes()));
            }
        } catch (IOException | RuntimeException unreadable) {
            // keep what was found so far
        }
    }

    /** Whether the name is one that a proxy or class generator gives the classes it makes. */
    static boolean isGenerated(String className) {
        int simple = className.lastIndexOf('.') + 1;
        return className.contains("$$") // lambdas, CGLIB and Spring's CGLIB, Javassist, Weld
                || className.startsWith("$Proxy", simple) // java.lang.reflect.Proxy
                || className.contains("$HibernateProxy$") || className.contains("$MockitoMock$")
                || className.contains("$ByteBuddy$");
    }

    /** Classes of the JDK itself, which the agent's own work may call into. */
    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }
}
