package dev.chaosagent.preset.redis;

import java.util.List;

/**
 * Jedis 5 to 8: {@code Jedis}, {@code JedisPooled} and {@code JedisCluster} run each command through
 * {@code Connection#executeCommand}, which sends it and reads its reply in the calling thread; the
 * operand is the {@code CommandObject} or {@code CommandArguments} it is given. A fault acts in that
 * thread, before anything is sent.
 */
final class JedisCommands {

    private static final String OBJECT = "redis.clients.jedis.CommandObject";
    private static final String ARGUMENTS = "redis.clients.jedis.CommandArguments";
    private static final String RAWABLE = "redis.clients.jedis.args.Rawable";

    private JedisCommands() {
    }

    /** The command of a {@code CommandObject} or {@code CommandArguments}, or null when the operand is neither. */
    static RedisOperation operation(Object operand) {
        Object arguments = ClientApi.isA(operand, OBJECT) ? ClientApi.call(operand, OBJECT, "getArguments") : operand;
        if (arguments == null || !ClientApi.isA(arguments, ARGUMENTS)) {
            return null;
        }
        Object command = ClientApi.call(arguments, ARGUMENTS, "getCommand");
        List<?> keys = (List<?>) ClientApi.call(arguments, ARGUMENTS, "getKeys");
        Object key = keys == null || keys.isEmpty() ? null : keys.get(0);
        if (key != null && !(key instanceof String) && !(key instanceof byte[]) && ClientApi.isA(key, RAWABLE)) {
            key = ClientApi.call(key, RAWABLE, "getRaw");
        }
        return RedisOperation.of((byte[]) ClientApi.call(command, RAWABLE, "getRaw"), key);
    }

    /** What Jedis throws when its connection fails mid-command, as a read that timed out does. */
    static Throwable timeout(Object operand) {
        return ClientApi.newThrowable(operand, "redis.clients.jedis.exceptions.JedisConnectionException", "chaos: read timed out");
    }
}
