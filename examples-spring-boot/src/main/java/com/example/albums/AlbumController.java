package com.example.albums;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AlbumController {

    private final AlbumService albums;
    private final PriceService prices;

    AlbumController(AlbumService albums, PriceService prices) {
        this.albums = albums;
        this.prices = prices;
    }

    @GetMapping("/albums/{id}")
    Album album(@PathVariable("id") String id) {
        return albums.album(id);
    }

    @GetMapping("/albums/{id}/price")
    int price(@PathVariable("id") String id) {
        return prices.price(id);
    }

    /** A failing dependency is a 503 with its message, not Boot's generic 500 page. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<String> unavailable(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.getMessage());
    }
}
