package dev.chaosagent.preset.http;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetMethod;
import java.util.List;

/**
 * What the two HTTP presets share: a request read from whichever library's operand the bound method
 * passed ({@link HttpOperations}), and the {@code status} fault that answers it.
 */
abstract class HttpPreset extends Preset {

    private final List<PresetMethod> methods;

    HttpPreset(String name, List<PresetMethod> methods) {
        super(name);
        this.methods = methods;
    }

    @Override
    public final List<PresetMethod> methods() {
        return methods;
    }

    @Override
    public final List<String> faultKeys() {
        return List.of("status");
    }

    @Override
    public final Fault fault(String key, String value, ClassLoader loader) {
        return StatusFault.parse(value);
    }

    @Override
    public final Object operation(Object operand) {
        return HttpOperations.of(operand);
    }
}
