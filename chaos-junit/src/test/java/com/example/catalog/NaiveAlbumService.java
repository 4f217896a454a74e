package com.example.catalog;

/** The resilience bug: calls straight through, so the backend's latency and failures are the caller's. */
public class NaiveAlbumService implements AlbumService {

    private final CatalogBackend backend;

    public NaiveAlbumService(CatalogBackend backend) {
        this.backend = backend;
    }

    @Override
    public String album(String id) throws Exception {
        return backend.fetchAlbum(id);
    }
}
