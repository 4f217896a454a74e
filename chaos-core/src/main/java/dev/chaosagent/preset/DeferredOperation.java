package dev.chaosagent.preset;

/**
 * An operation that the bound method only hands to its library, which completes it later through
 * an object of its own (Lettuce's command: the caller's future, its subscriber, its waiting thread
 * hear of it from the library's event loop). A {@code latency} or an exception then never acts in
 * the calling thread, which may be that event loop: the bound method returns at once without
 * sending the operation, and the exception fails that object, or the operation is sent once the
 * latency has passed, so that nothing else waiting on the same connection is held up.
 */
public interface DeferredOperation {

    /** Fails the operation the operand carries, without sending it; returns what the bound method returns instead of running. */
    Object fail(Object operand, Throwable failure);

    /** What the bound method returns while its operation waits to be {@linkplain #send sent}. */
    Object held(Object operand);

    /** Sends the operation now, as the bound method would have; a failure to send fails the operation. */
    void send(Object operand);
}
