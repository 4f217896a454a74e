package dev.chaosagent.examples.musicstore;

import java.util.List;

/** The music store's operations, in two versions: {@link UnprotectedMusicStore} and {@link ProtectedMusicStore}. */
public interface MusicStore extends AutoCloseable {

    /** Live album metadata from the catalog. */
    Album album(String id) throws Exception;

    /** Albums the store knows, by title or artist. */
    List<Album> search(String text) throws Exception;

    /** Fetches each album from the catalog and stores it; returns how many were imported. */
    int importBatch(List<String> ids) throws Exception;

    /** The circuit breaker's state, or "none" where there is none. */
    String circuitBreakerState();

    /** "protected" or "unprotected". */
    String mode();

    @Override
    default void close() {
    }
}
