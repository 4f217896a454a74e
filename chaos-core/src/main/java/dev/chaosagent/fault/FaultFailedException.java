package dev.chaosagent.fault;

/**
 * A fault could not do its work (as opposed to an exception it injects on purpose). The engine
 * reports it and lets the call go on, so that the agent's own failure never reaches the application.
 */
public final class FaultFailedException extends RuntimeException {

    public FaultFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
