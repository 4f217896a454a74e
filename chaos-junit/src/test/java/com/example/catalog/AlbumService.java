package com.example.catalog;

/** What the tests probe: an album lookup that should survive a misbehaving backend. */
public interface AlbumService {
    String album(String id) throws Exception;
}
