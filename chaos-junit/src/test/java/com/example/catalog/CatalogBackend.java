package com.example.catalog;

import java.io.IOException;

/** The dependency chaos is aimed at: a catalog backend client (here, answering at once). */
public class CatalogBackend {

    public String fetchAlbum(String id) throws IOException {
        return "album-" + id;
    }
}
