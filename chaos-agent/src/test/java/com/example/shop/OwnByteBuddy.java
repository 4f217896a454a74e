package com.example.shop;

/**
 * Uses the application's own Byte Buddy (another version than the agent's, on the class path only
 * when a test puts it there), through reflection so that the test sources need not compile against it.
 */
final class OwnByteBuddy {

    private OwnByteBuddy() {
    }

    static String greet() throws Exception {
        Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
        Object builder = byteBuddy.getMethod("subclass", Class.class).invoke(byteBuddy.getDeclaredConstructor().newInstance(), Object.class);
        Object named = builder.getClass().getMethod("name", String.class).invoke(builder, "com.example.shop.Generated");
        Object unloaded = named.getClass().getMethod("make").invoke(named);
        Object loaded = unloaded.getClass().getMethod("load", ClassLoader.class).invoke(unloaded, OwnByteBuddy.class.getClassLoader());
        Class<?> generated = (Class<?>) loaded.getClass().getMethod("getLoaded").invoke(loaded);
        String jar = byteBuddy.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", "");
        return generated.getName() + " made with " + jar;
    }
}
