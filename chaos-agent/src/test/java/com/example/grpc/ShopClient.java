package com.example.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's client: a channel to 127.0.0.1 wrapped by a counting interceptor whose calls forward
 * to the channel's ({@code ForwardingClientCall}), called as protoc's generated stubs call it:
 * blocking, future and async.
 */
final class ShopClient {

    private final AtomicInteger intercepted = new AtomicInteger();
    private final Channel channel;
    private volatile Throwable lastFailure;

    ShopClient(int port) {
        ClientInterceptor counting = new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        intercepted.incrementAndGet();
                        super.start(listener, headers);
                    }
                };
            }
        };
        channel = ClientInterceptors.intercept(Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                InsecureChannelCredentials.create()).build(), counting);
    }

    int intercepted() {
        return intercepted.get();
    }

    /** What the last failed call ended with, as its stub reported it. */
    Throwable lastFailure() {
        return lastFailure;
    }

    /** The response, then how long the stub's own call took to return: {@code VALUE [returned in Nms]}. */
    String call(String stub, String method, String request, long deadlineMillis) throws Exception {
        try {
            return callWith(stub, method, request, deadlineMillis);
        } catch (Exception failed) {
            lastFailure = failed instanceof java.util.concurrent.ExecutionException ? failed.getCause() : failed;
            throw failed;
        }
    }

    private String callWith(String stub, String method, String request, long deadlineMillis) throws Exception {
        MethodDescriptor<String, String> descriptor = ShopMethods.unary(method);
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        String response;
        long returned;
        switch (stub) {
            case "blocking" -> {
                response = ClientCalls.blockingUnaryCall(channel, descriptor, options, request);
                returned = System.nanoTime();
            }
            case "future" -> {
                ListenableFuture<String> future = ClientCalls.futureUnaryCall(channel.newCall(descriptor, options), request);
                returned = System.nanoTime();
                response = future.get(30, TimeUnit.SECONDS);
            }
            case "async" -> {
                CompletableFuture<String> result = new CompletableFuture<>();
                ClientCalls.asyncUnaryCall(channel.newCall(descriptor, options), request, new StreamObserver<>() {
                    @Override
                    public void onNext(String value) {
                        result.complete(value);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        result.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
                returned = System.nanoTime();
                response = result.get(30, TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException("no stub " + stub);
        }
        return response + " [returned in " + (returned - start) / 1_000_000 + "ms]";
    }
}
