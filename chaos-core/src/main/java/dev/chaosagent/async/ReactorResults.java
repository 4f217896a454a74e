package dev.chaosagent.async;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The effects of an {@link AsyncCall} on Reactor's {@code Mono} and {@code Flux}, by the publishers'
 * own operators: a delayed subscription, an error signal, a value. Reactor is the application's
 * library: the agent neither ships nor links it, and looks its methods up once per class loader,
 * through the class that declares the woven method, the first time a rule acts there.
 */
final class ReactorResults {

    private static final ClassValue<ReactorResults> BY_ORIGIN = new ClassValue<>() {
        @Override
        protected ReactorResults computeValue(Class<?> origin) {
            return new ReactorResults(origin.getClassLoader());
        }
    };

    private final Method monoError;
    private final Method monoJustOrEmpty;
    private final Method monoDefer;
    private final Method monoFromFuture;
    private final Method monoThenEmpty;
    private final Method monoThen;
    private final Method monoDelayUntil;
    private final Method monoDelaySubscription;
    private final Method fluxError;
    private final Method fluxJust;
    private final Method fluxEmpty;
    private final Method fluxThenMany;
    private final Method fluxConcatWith;
    private final Method fluxDelaySubscription;

    private ReactorResults(ClassLoader loader) {
        try {
            Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
            Class<?> flux = Class.forName("reactor.core.publisher.Flux", false, loader);
            Class<?> publisher = Class.forName("org.reactivestreams.Publisher", false, loader);
            monoError = mono.getMethod("error", Throwable.class);
            monoJustOrEmpty = mono.getMethod("justOrEmpty", Object.class);
            monoDefer = mono.getMethod("defer", Supplier.class);
            monoFromFuture = mono.getMethod("fromFuture", CompletableFuture.class);
            monoThenEmpty = mono.getMethod("then");
            monoThen = mono.getMethod("then", mono);
            monoDelayUntil = mono.getMethod("delayUntil", Function.class);
            monoDelaySubscription = mono.getMethod("delaySubscription", publisher);
            fluxError = flux.getMethod("error", Throwable.class);
            fluxJust = flux.getMethod("just", Object.class);
            fluxEmpty = flux.getMethod("empty");
            fluxThenMany = flux.getMethod("thenMany", publisher);
            fluxConcatWith = flux.getMethod("concatWith", publisher);
            fluxDelaySubscription = flux.getMethod("delaySubscription", publisher);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Reactor's Mono and Flux are not as expected: " + e, e);
        }
    }

    static ReactorResults of(Class<?> origin) {
        return BY_ORIGIN.get(origin);
    }

    Object ended(boolean mono, AsyncCall call) {
        if (call.failure != null) {
            return invoke(mono ? monoError : fluxError, null, call.failure);
        }
        return mono ? invoke(monoJustOrEmpty, null, call.value) : just(call.value);
    }

    Object apply(boolean mono, AsyncCall call, Object publisher) {
        Object result = publisher;
        if (call.entryDelayNanos > 0) {
            result = invoke(mono ? monoDelaySubscription : fluxDelaySubscription, result, gate(call.group, call.entryDelayNanos));
        }
        if (call.exitDelayNanos > 0) {
            Object gate = gate(call.group, call.exitDelayNanos);
            result = mono
                    ? invoke(monoDelayUntil, result, new Function<Object, Object>() {
                        @Override
                        public Object apply(Object value) {
                            return gate;
                        }
                    })
                    : invoke(fluxConcatWith, result, invoke(monoThenEmpty, gate));
        }
        if (call.failure != null) {
            result = mono ? invoke(monoThen, result, invoke(monoError, null, call.failure))
                    : invoke(fluxConcatWith, result, invoke(fluxError, null, call.failure));
        } else if (call.replaces) {
            result = mono ? invoke(monoThen, result, invoke(monoJustOrEmpty, null, call.value))
                    : invoke(fluxThenMany, result, just(call.value));
        }
        return result;
    }

    private Object just(Object value) {
        return value == null ? invoke(fluxEmpty, null) : invoke(fluxJust, null, value);
    }

    /** A {@code Mono} that completes empty {@code nanos} after each subscription, or at once once the rule has ended. */
    private Object gate(DelayGroup group, long nanos) {
        return invoke(monoDefer, null, new Supplier<Object>() {
            @Override
            public Object get() {
                Opening opening = new Opening(group);
                opening.startAfter(nanos);
                return invoke(monoFromFuture, null, opening.opened);
            }
        });
    }

    private static Object invoke(Method method, Object target, Object... arguments) {
        return LibraryCalls.invoke("Reactor", method, target, arguments);
    }

    /** The delay of one subscription: completes the future the gate waits on. */
    private static final class Opening extends PendingDelay {
        final CompletableFuture<Object> opened = new CompletableFuture<>();

        Opening(DelayGroup group) {
            super(group);
        }

        @Override
        void complete() {
            opened.complete(null);
        }
    }
}
