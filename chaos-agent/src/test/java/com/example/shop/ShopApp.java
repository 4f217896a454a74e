package com.example.shop;

import dev.chaosagent.harness.AgentMBean;
import dev.chaosagent.harness.CommandLoop;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The application the integration tests run in a forked JVM, driven by commands on stdin
 * ({@link CommandLoop}).
 */
public final class ShopApp {

    private static final Catalog catalog = new Catalog();
    private static Connection database;
    private static final Store proxiedStore = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
            new Class<?>[] {Store.class}, (proxy, method, arguments) -> method.invoke(new WarehouseStore(), arguments));
    private static final AuditedStore auditedStore = new AuditedStore();
    private static final Pricing<String> pricing = new AlbumPricing();
    private static final Albums albums = new Albums();

    private ShopApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandLoop.serve(ShopApp::run);
    }

    private static Object run(String command, String argument) throws Exception {
        return switch (command) {
            case "fetch" -> catalog.fetch(argument);
            case "count" -> catalog.count();
            case "name" -> catalog.name();
            case "save" -> catalog.save(argument);
            case "saveQuietly" -> {
                catalog.saveQuietly(argument);
                yield "done";
            }
            case "saves" -> catalog.saves();
            case "audits" -> auditedStore.audits();
            case "stock" -> new WarehouseStore().stock();
            case "proxyStock" -> proxiedStore.stock();
            case "auditedStock" -> auditedStore.stock();
            case "cglibStock" -> new WarehouseStore$$SpringCGLIB$$0().stock();
            case "price" -> pricing.price(argument);
            case "album" -> {
                String[] idAndRegion = argument.split(" ");
                yield albums.find(Integer.parseInt(idAndRegion[0]), idAndRegion[1]);
            }
            case "checkout" -> new Checkout().submit(Integer.parseInt(argument));
            case "browse" -> new Browse().show(Integer.parseInt(argument));
            case "onThread" -> onThread(argument.substring(0, argument.indexOf(' ')), argument.substring(argument.indexOf(' ') + 1));
            case "asTenant" -> {
                String tenant = argument.substring(0, argument.indexOf(' '));
                String rest = argument.substring(argument.indexOf(' ') + 1);
                yield Tenants.as(tenant, () -> runLine(rest));
            }
            case "late" -> ((Store) Class.forName("com.example.shop.LateStore").getDeclaredConstructor().newInstance()).stock();
            case "connect" -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(argument)), 2_000);
                    yield "connected";
                }
            }
            case "read" -> {
                try (java.io.FileInputStream file = new java.io.FileInputStream(argument)) {
                    yield file.read();
                }
            }
            case "http" -> {
                java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<String> response = client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(argument)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                yield response.statusCode() + " " + response.body();
            }
            case "sql" -> {
                if (database == null) {
                    database = DriverManager.getConnection("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
                }
                try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(argument)) {
                    rows.next();
                    yield rows.getString(1);
                }
            }
            case "print" -> {
                int times = Integer.parseInt(argument);
                for (int i = 0; i < times; i++) {
                    System.out.println("printed " + i);
                }
                yield times;
            }
            case "shape" -> Class.forName("dev.chaosagent.harness.CaptureAgent").getMethod("shape", Class.class)
                    .invoke(null, Class.forName(argument));
            case "db" -> JdbcShop.run(argument);
            case "jmx" -> AgentMBean.invoke(argument.substring(0, argument.indexOf(' ')), argument.substring(argument.indexOf(' ') + 1));
            case "describe" -> agentEngine().getClass().getMethod("describe").invoke(agentEngine()).toString().replace("\n", " | ");
            case "ownByteBuddy" -> OwnByteBuddy.greet();
            case "loadAndCall" -> {
                String[] where = argument.split(" ");
                yield Discardable.loadAndCall(java.nio.file.Path.of(where[0]), where[1], where[2]);
            }
            case "collected" -> Discardable.collected();
            case "soakStart" -> Soak.start();
            case "soakStop" -> Soak.stop();
            case "heapKb" -> Soak.heapKb();
            case "threads" -> Soak.threads();
            case "async" -> AsyncShop.run(argument.split(" ", 2)[0], argument.contains(" ") ? argument.split(" ", 2)[1] : "");
            case "orders" -> switch (argument.split(" ")[0]) {
                case "start" -> OrderLoad.start(Integer.parseInt(argument.split(" ")[1]));
                case "mark" -> OrderLoad.mark();
                case "lastFailure" -> OrderLoad.lastFailure();
                case "lastSleptReturn" -> OrderLoad.lastSleptReturn();
                case "stop" -> OrderLoad.stop();
                default -> throw new IllegalArgumentException("orders " + argument);
            };
            case "place" -> new Orders().place(Integer.parseInt(argument));
            default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }

    /** Runs {@code COMMAND ARGS} as main would. */
    private static Object runLine(String line) throws Exception {
        int space = line.indexOf(' ');
        return space < 0 ? run(line, "") : run(line.substring(0, space), line.substring(space + 1));
    }

    /** Runs {@code COMMAND ARGS} on a new thread of that name, and answers what it answered. */
    private static Object onThread(String name, String line) throws Exception {
        Object[] result = new Object[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = runLine(line);
            } catch (Exception e) {
                result[0] = e;
            }
        }, name);
        thread.start();
        thread.join();
        if (result[0] instanceof Exception failure) {
            throw failure;
        }
        return result[0];
    }

    /** The agent's engine, found the way any application could: by reflection, no compile-time tie. */
    private static Object agentEngine() throws Exception {
        Object runtime = Class.forName("dev.chaosagent.agent.AgentRuntime").getMethod("current").invoke(null);
        return runtime.getClass().getMethod("engine").invoke(runtime);
    }
}
