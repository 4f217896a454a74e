package dev.chaosagent.cli;

/** Ends a CLI command with a message for stderr and the exit code the contract gives. */
final class CliException extends Exception {

    static final int UNREACHABLE = 1;
    static final int CANNOT_WRITE = 1;
    static final int BAD_USAGE = 2;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
