package com.example.ratings;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A reactive dependency of the album service: an album's rating, as a {@code Mono}. (Outside
 * {@code com.example.albums}, so the album application's component scan does not pick it up.)
 */
@Service
public class AlbumRatings {

    public Mono<Integer> rating(long albumId) {
        return Mono.fromSupplier(() -> (int) (albumId % 5) + 1);
    }
}
