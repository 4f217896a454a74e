package com.example.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's gRPC server, on Netty (grpc-java's own shaded copy), on 127.0.0.1 and a port the system
 * chose: each service behind an interceptor, each handler counting the calls it handles, with
 * {@code ServerCalls.asyncUnaryCall}, what generated services call.
 */
final class ShopServer {

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger intercepted = new AtomicInteger();
    private Server server;

    static ShopServer start() throws IOException {
        ShopServer shop = new ShopServer();
        shop.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        InsecureServerCredentials.create())
                .addService(shop.service("shop.Catalog", "GetAlbum", "ListAlbums"))
                .addService(shop.service("shop.Orders", "Place"))
                .build().start();
        return shop;
    }

    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    int handled() {
        return handled.get();
    }

    int intercepted() {
        return intercepted.get();
    }

    private ServerServiceDefinition service(String service, String... methods) {
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service);
        for (String method : methods) {
            String fullName = service + "/" + method;
            definition.addMethod(ShopMethods.unary(fullName), ServerCalls.asyncUnaryCall((request, response) -> {
                handled.incrementAndGet();
                response.onNext(fullName + " " + request);
                response.onCompleted();
            }));
        }
        return ServerInterceptors.intercept(definition.build(), new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                intercepted.incrementAndGet();
                return next.startCall(call, headers);
            }
        });
    }
}
