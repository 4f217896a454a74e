package com.example.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shop's unary methods, with text messages: what protoc's generated stubs hold, built by hand
 * so that the tests need no protoc.
 */
final class ShopMethods {

    static final List<String> NAMES = List.of("shop.Catalog/GetAlbum", "shop.Catalog/ListAlbums", "shop.Orders/Place");

    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private ShopMethods() {
    }

    static MethodDescriptor<String, String> unary(String fullName) {
        return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName).setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }
}
