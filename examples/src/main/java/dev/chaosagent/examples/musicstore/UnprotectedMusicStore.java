package dev.chaosagent.examples.musicstore;

import java.util.List;

/** Calls straight through: whatever the catalog or the database does, the caller gets. */
public class UnprotectedMusicStore implements MusicStore {

    private final CatalogClient catalog;
    private final AlbumRepository repository;

    public UnprotectedMusicStore(CatalogClient catalog, AlbumRepository repository) {
        this.catalog = catalog;
        this.repository = repository;
    }

    @Override
    public Album album(String id) throws Exception {
        Album album = catalog.fetchAlbum(id);
        repository.saveIdempotently(album);
        return album;
    }

    @Override
    public List<Album> search(String text) throws Exception {
        return repository.search(text);
    }

    @Override
    public int importBatch(List<String> ids) throws Exception {
        for (String id : ids) {
            repository.insert(catalog.fetchAlbum(id));
        }
        return ids.size();
    }

    @Override
    public String circuitBreakerState() {
        return "none";
    }

    @Override
    public String mode() {
        return "unprotected";
    }
}
