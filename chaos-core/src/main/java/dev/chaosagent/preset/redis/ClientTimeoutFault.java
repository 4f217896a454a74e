package dev.chaosagent.preset.redis;

import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.FaultFailedException;
import dev.chaosagent.fault.PresetFault;

/**
 * The redis preset's default: the command fails with its client's own timeout, built at the call
 * from the client's classes (the agent cannot name them when the rule is parsed): Lettuce's
 * {@code RedisCommandTimeoutException}, Jedis's {@code JedisConnectionException}. Nothing is sent.
 */
final class ClientTimeoutFault extends PresetFault {

    static final ClientTimeoutFault INSTANCE = new ClientTimeoutFault();

    private ClientTimeoutFault() {
    }

    @Override
    public String key() {
        return "exception";
    }

    @Override
    public String value() {
        return "io.lettuce.core.RedisCommandTimeoutException|redis.clients.jedis.exceptions.JedisConnectionException";
    }

    /** A rule that names no fault gets this one: its one-line form names none either, so that it reads back the same. */
    @Override
    public boolean named() {
        return false;
    }

    @Override
    public boolean injectsException() {
        return true;
    }

    @Override
    public Object inject(FaultContext context, long n) throws Throwable {
        Object operand = context.operand();
        Object command = LettuceCommands.commandOf(operand);
        Throwable timeout;
        try {
            timeout = command != null ? LettuceCommands.timeout(command) : JedisCommands.timeout(operand);
        } catch (RuntimeException | LinkageError e) {
            throw new FaultFailedException("cannot build the Redis client's timeout exception: " + e, e);
        }
        throw timeout;
    }

    @Override
    public String toString() {
        return "the Redis client's own timeout";
    }
}
