package dev.chaosagent.report;

/** The file is not a journal the report can read; the message says which line and what was expected. */
public final class NotAJournalException extends RuntimeException {

    NotAJournalException(String message) {
        super(message, null, false, false);
    }
}
