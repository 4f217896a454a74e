package dev.chaosagent.preset.redis;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.scope.Glob;
import java.util.List;
import java.util.Locale;

/**
 * {@code preset=redis}: one Redis command, bound where each client hands it on, once whatever API
 * sent it: Lettuce's {@code dispatch} ({@link LettuceCommands}, which defers the faults to the
 * command itself) and Jedis's {@code Connection#executeCommand} ({@link JedisCommands}). Its keys are
 * {@code redis.command} (case-insensitive) and {@code redis.key}, the command's first key; its
 * default fault is the client's own timeout ({@link ClientTimeoutFault}).
 */
public final class RedisPreset extends Preset {

    public static final RedisPreset INSTANCE = new RedisPreset();

    private static final String JEDIS_CONNECTION = "redis.clients.jedis.Connection+#executeCommand";

    private final List<PresetMethod> methods = List.of(
            PresetMethod.deferred("io.lettuce.core.RedisChannelHandler+#dispatch(io.lettuce.core.protocol.RedisCommand)",
                    Operand.receiverAndArguments(), new LettuceCommands()),
            PresetMethod.of(JEDIS_CONNECTION + "(redis.clients.jedis.CommandObject)", Operand.argument(0)),
            PresetMethod.of(JEDIS_CONNECTION + "(redis.clients.jedis.CommandArguments)", Operand.argument(0)));

    private RedisPreset() {
        super("redis");
    }

    @Override
    public List<PresetMethod> methods() {
        return methods;
    }

    @Override
    public PresetKey key(String key) {
        return switch (key) {
            case "redis.command" -> CommandKey.INSTANCE;
            case "redis.key" -> KeyKey.INSTANCE;
            default -> null;
        };
    }

    @Override
    public List<String> keyNames() {
        return List.of("redis.command", "redis.key");
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return ClientTimeoutFault.INSTANCE;
    }

    @Override
    public Object operation(Object operand) {
        if (operand == null) {
            return null;
        }
        Object command = LettuceCommands.commandOf(operand);
        return command != null ? LettuceCommands.operation(command) : JedisCommands.operation(operand);
    }

    @Override
    public String library() {
        return "a Redis client (Lettuce 6-7, Jedis 5-8)";
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("io/lettuce/core/RedisClient.class", "redis/clients/jedis/Connection.class");
    }

    /** {@code redis.command}: the pattern is upper-cased, as the command's name is. */
    private static final class CommandKey implements PresetKey {
        static final CommandKey INSTANCE = new CommandKey();

        @Override
        public String name() {
            return "redis.command";
        }

        @Override
        public Glob pattern(String value) {
            return Glob.of(value.toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            return pattern.matches(((RedisOperation) operation).command());
        }
    }

    /** {@code redis.key}: the command's first key, case-sensitive as Redis keys are; a command without a key is out of scope. */
    private static final class KeyKey implements PresetKey {
        static final KeyKey INSTANCE = new KeyKey();

        @Override
        public String name() {
            return "redis.key";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            String key = ((RedisOperation) operation).key();
            return key != null && pattern.matches(key);
        }
    }
}
