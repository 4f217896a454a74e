package com.example.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The asynchronous commands of {@link ShopApp}: calls of {@link Quotes} made on a single-thread
 * executor that stands for an event loop, whose answers say how long the loop was held and when
 * each future completed. Reactor's commands are in {@link ReactorShop}, which loads only with them.
 */
final class AsyncShop {

    private static final Quotes quotes = new Quotes();
    private static final ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "event-loop"));
    private static final List<CompletableFuture<String>> pending = new ArrayList<>();
    private static long pendingSince;

    private AsyncShop() {
    }

    static Object run(String command, String argument) throws Exception {
        return switch (command) {
            case "loop" -> onLoop(Integer.parseInt(argument));
            case "handled" -> handled();
            case "save" -> save(argument);
            case "pending" -> startPending(Integer.parseInt(argument));
            case "pendingDone" -> pending.stream().filter(CompletableFuture::isDone).count() + " done after "
                    + (System.nanoTime() - pendingSince) / 1_000_000 + "ms";
            case "sendAsync" -> sendAsync(argument);
            case "threadsNamed" -> Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains(argument)).count();
            case "remove" -> ShopEngine.call("remove", argument);
            case "stopAll" -> ShopEngine.call("stopAll");
            case "reactor" -> ReactorShop.run(argument);
            default -> throw new IllegalArgumentException("unknown async command " + command);
        };
    }

    /**
     * Makes {@code calls} calls on the loop, then asks the loop to run one more task: answers how long
     * the calls held the loop, how long that task waited for it, and the least and greatest time from
     * a call to the completion of its future.
     */
    private static String onLoop(int calls) throws Exception {
        long[] completedAfter = new long[calls];
        List<CompletableFuture<?>> done = new ArrayList<>();
        long callsNanos = loop.submit(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                int id = i;
                long called = System.nanoTime();
                done.add(quotes.quote(id).whenComplete((value, failure) -> completedAfter[id] = System.nanoTime() - called));
            }
            return System.nanoTime() - start;
        }).get();
        long submitted = System.nanoTime();
        long loopWaitNanos = loop.submit(() -> System.nanoTime() - submitted).get();
        CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long nanos : completedAfter) {
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }
        return "calls=" + callsNanos / 1_000_000 + "ms loopWait=" + loopWaitNanos / 1_000_000 + "ms completed="
                + min / 1_000_000 + ".." + max / 1_000_000 + "ms";
    }

    /** A call whose failure the application handles as it would a real one; a synchronous throw would escape. */
    private static String handled() throws Exception {
        CompletableFuture<String> answer = loop.submit(() -> quotes.quote(1).exceptionally(failure -> "handled " + failure)).get();
        return answer.get(10, TimeUnit.SECONDS);
    }

    private static String save(String quote) throws Exception {
        int before = quotes.saves();
        String outcome;
        try {
            outcome = quotes.save(quote).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = "failed " + e.getCause();
        }
        return outcome + ", body ran " + (quotes.saves() - before) + " time(s)";
    }

    private static String startPending(int calls) {
        pending.clear();
        pendingSince = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            pending.add(quotes.quote(i));
        }
        return calls + " started in " + (System.nanoTime() - pendingSince) / 1_000_000 + "ms";
    }

    private static String sendAsync(String uri) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        CompletableFuture<String> answer = client.sendAsync(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() + " " + response.body())
                .exceptionally(failure -> "handled " + (failure instanceof CompletionException ? failure.getCause() : failure));
        long returned = System.nanoTime() - start;
        String outcome = answer.get(10, TimeUnit.SECONDS);
        return outcome + " returned=" + returned / 1_000_000 + "ms completed=" + (System.nanoTime() - start) / 1_000_000 + "ms";
    }
}
