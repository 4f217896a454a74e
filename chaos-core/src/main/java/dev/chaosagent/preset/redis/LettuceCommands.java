package dev.chaosagent.preset.redis;

import dev.chaosagent.preset.DeferredOperation;

/**
 * Lettuce 6 and 7: every command of the sync, async and reactive APIs, of a plain, pub/sub or
 * cluster connection, is handed to {@code RedisChannelHandler#dispatch(RedisCommand)} in the
 * caller's thread (for a reactive command, the subscriber's) and completed by the connection's event
 * loop. The operand is the connection and the command. A fault acts on the command, never on that
 * loop: failing it fails the caller's future (or its subscriber, or the waiting sync call), and a
 * latency sends it later, so that the other commands on the same connection go on meanwhile.
 */
final class LettuceCommands implements DeferredOperation {

    static final String CONNECTION = "io.lettuce.core.api.StatefulConnection";
    private static final String COMMAND = "io.lettuce.core.protocol.RedisCommand";
    private static final String KEYWORD = "io.lettuce.core.protocol.ProtocolKeyword";
    private static final String ARGS = "io.lettuce.core.protocol.CommandArgs";
    private static final String[] COMMAND_PARAMETER = {COMMAND};
    private static final String[] THROWABLE_PARAMETER = {Throwable.class.getName()};

    /** The operand of a bound {@code dispatch}: the receiver, then the command, or null when it is not that. */
    static Object commandOf(Object operand) {
        return operand instanceof Object[] connectionAndCommand && connectionAndCommand.length == 2 ? connectionAndCommand[1] : null;
    }

    static RedisOperation operation(Object command) {
        Object type = ClientApi.call(command, COMMAND, "getType");
        Object args = ClientApi.call(command, COMMAND, "getArgs");
        Object key = args == null ? null : ClientApi.call(args, ARGS, "getFirstEncodedKey");
        return RedisOperation.of((byte[]) ClientApi.call(type, KEYWORD, "getBytes"), key);
    }

    /** Lettuce's own timeout, as a command that no answer reached in time fails with. */
    static Throwable timeout(Object command) {
        return ClientApi.newThrowable(command, "io.lettuce.core.RedisCommandTimeoutException", "chaos: command timed out");
    }

    @Override
    public Object fail(Object operand, Throwable failure) {
        Object command = commandOf(operand);
        ClientApi.call(command, COMMAND, "completeExceptionally", THROWABLE_PARAMETER, failure);
        return command;
    }

    @Override
    public Object held(Object operand) {
        return commandOf(operand);
    }

    /** Dispatches the command through the connection's public API, as the application's call would have. */
    @Override
    public void send(Object operand) {
        Object connection = ((Object[]) operand)[0];
        Object command = commandOf(operand);
        try {
            ClientApi.call(connection, CONNECTION, "dispatch", COMMAND_PARAMETER, command);
        } catch (RuntimeException | LinkageError notSent) {
            // The connection closed meanwhile, say: the command fails as Lettuce fails one it cannot send.
            fail(operand, notSent.getCause() != null ? notSent.getCause() : notSent);
        }
    }
}
