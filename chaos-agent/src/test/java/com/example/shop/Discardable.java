package com.example.shop;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads classes in class loaders of their own, calls them and lets the loaders go, for the tests. */
final class Discardable {

    private static final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();

    private Discardable() {
    }

    /** Loads {@code className} from {@code dir} in a fresh loader and calls its no-arg {@code method}. */
    static Object loadAndCall(Path dir, String className, String method) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ShopApp.class.getClassLoader());
        loaders.add(new WeakReference<>(loader));
        Class<?> type = Class.forName(className, true, loader);
        try {
            return type.getMethod(method).invoke(type.getDeclaredConstructor().newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        } finally {
            loader.close();
        }
    }

    /** Whether every loader handed out so far has been garbage collected. */
    static boolean collected() {
        System.gc();
        return loaders.stream().allMatch(ref -> ref.get() == null);
    }
}
