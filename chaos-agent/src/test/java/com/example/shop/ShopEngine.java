package com.example.shop;

/** The agent's engine, found the way any application could: by reflection, no compile-time tie. */
final class ShopEngine {

    private ShopEngine() {
    }

    static Object call(String method, String... arguments) throws Exception {
        Object runtime = Class.forName("dev.chaosagent.agent.AgentRuntime").getMethod("current").invoke(null);
        Object engine = runtime.getClass().getMethod("engine").invoke(runtime);
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        return engine.getClass().getMethod(method, types).invoke(engine, (Object[]) arguments);
    }
}
