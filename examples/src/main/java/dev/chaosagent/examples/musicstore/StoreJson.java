package dev.chaosagent.examples.musicstore;

import java.util.List;
import java.util.stream.Collectors;

/** The little JSON the store writes. */
final class StoreJson {

    private StoreJson() {
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    static String albums(List<Album> albums) {
        return albums.stream().map(Album::toJson).collect(Collectors.joining(",", "[", "]"));
    }
}
