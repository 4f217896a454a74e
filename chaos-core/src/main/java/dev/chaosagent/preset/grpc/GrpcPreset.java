package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.scope.Glob;
import java.util.List;

/**
 * What the two gRPC presets share: one RPC of grpc-java, selected by its full method name
 * ({@code grpc.method}, e.g. {@code shop.Catalog/GetAlbum}), and the {@code status} fault that ends
 * it with a status code, as gRPC itself ends a call it cannot make.
 */
abstract class GrpcPreset extends Preset {

    private static final PresetKey METHOD = new MethodKey();

    private final List<PresetMethod> methods;

    GrpcPreset(String name, PresetMethod method) {
        super(name);
        this.methods = List.of(method);
    }

    @Override
    public final List<PresetMethod> methods() {
        return methods;
    }

    @Override
    public final PresetKey key(String key) {
        return key.equals("grpc.method") ? METHOD : null;
    }

    @Override
    public final List<String> keyNames() {
        return List.of("grpc.method");
    }

    @Override
    public final List<String> faultKeys() {
        return List.of("status");
    }

    @Override
    public final Fault fault(String key, String value, ClassLoader loader) {
        return StatusCodeFault.parse(value);
    }

    @Override
    public final Fault defaultFault(ClassLoader loader) {
        return StatusCodeFault.UNAVAILABLE;
    }

    /** {@code returns} would hand gRPC's internals a value of the user's choosing: refused. */
    @Override
    public Fault delivery(Fault fault, At at) {
        if (fault instanceof ReturnsFault) {
            throw new InvalidRuleException("returns", fault.value(), "is not a fault of preset=" + name()
                    + " (expected status=CODE, exception, latency, or no fault for status=UNAVAILABLE)");
        }
        return fault;
    }

    @Override
    public final Object operation(Object operand) {
        return GrpcCall.methodName(operand);
    }

    @Override
    public final String library() {
        return "grpc-java (io.grpc:grpc-core)";
    }

    /** {@code grpc.method}: the full method name, {@code package.Service/Method}, case-sensitive as gRPC's. */
    private static final class MethodKey implements PresetKey {
        @Override
        public String name() {
            return "grpc.method";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            return pattern.matches((String) operation);
        }
    }
}
