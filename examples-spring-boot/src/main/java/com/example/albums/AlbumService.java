package com.example.albums;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Cached, so the bean other beans get is Spring's CGLIB subclass of this class ({@code AlbumService$$SpringCGLIB$$0}). */
@Service
public class AlbumService {

    @Cacheable("albums")
    public Album album(String id) {
        return new Album(id, "Album " + id);
    }
}
