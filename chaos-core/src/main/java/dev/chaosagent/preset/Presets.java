package dev.chaosagent.preset;

import dev.chaosagent.preset.grpc.GrpcClientPreset;
import dev.chaosagent.preset.grpc.GrpcServerPreset;
import dev.chaosagent.preset.http.HttpClientPreset;
import dev.chaosagent.preset.http.HttpServerPreset;
import dev.chaosagent.preset.jdbc.JdbcPreset;
import dev.chaosagent.preset.kafka.KafkaConsumerPreset;
import dev.chaosagent.preset.kafka.KafkaProducerPreset;
import dev.chaosagent.preset.redis.RedisPreset;
import dev.chaosagent.rule.InvalidRuleException;
import java.util.ArrayList;
import java.util.List;

/** Every preset the agent knows, by name, and their recorders, numbered for the woven code. */
public final class Presets {

    private static final List<Preset> ALL = List.of(JdbcPreset.INSTANCE, HttpServerPreset.INSTANCE, HttpClientPreset.INSTANCE,
            GrpcClientPreset.INSTANCE, GrpcServerPreset.INSTANCE, KafkaProducerPreset.INSTANCE, KafkaConsumerPreset.INSTANCE,
            RedisPreset.INSTANCE);
    private static final List<Recorder> RECORDERS = recordersOf(ALL);

    private Presets() {
    }

    /** The preset of that name, or null. */
    public static Preset find(String name) {
        for (Preset preset : ALL) {
            if (preset.name().equals(name)) {
                return preset;
            }
        }
        return null;
    }

    /** The preset of that name ({@code preset=NAME}), refused as the rule language refuses a name that is no preset's. */
    public static Preset named(String name) {
        Preset preset = find(name);
        if (preset == null) {
            throw new InvalidRuleException("preset", name, "is not a preset (expected one of " + names() + ")");
        }
        return preset;
    }

    public static List<Preset> all() {
        return ALL;
    }

    /** The names, as messages list them. */
    public static String names() {
        List<String> names = new ArrayList<>();
        for (Preset preset : ALL) {
            names.add(preset.name());
        }
        return String.join(", ", names);
    }

    /** A preset that has a scope key of that name, or null: to tell a user who forgot {@code preset=}. */
    public static Preset owningKey(String key) {
        for (Preset preset : ALL) {
            if (preset.key(key) != null) {
                return preset;
            }
        }
        return null;
    }

    /** The number the woven code passes back for a recorder. */
    public static int recorderId(Recorder recorder) {
        return RECORDERS.indexOf(recorder);
    }

    public static Recorder recorder(int id) {
        return RECORDERS.get(id);
    }

    private static List<Recorder> recordersOf(List<Preset> presets) {
        List<Recorder> all = new ArrayList<>();
        for (Preset preset : presets) {
            all.addAll(preset.recorders());
        }
        return List.copyOf(all);
    }
}
