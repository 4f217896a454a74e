package dev.chaosagent.examples.musicstore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Album metadata, as the catalog backend serves it and the store keeps it. */
public record Album(String id, String title, String artist) {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public String toJson() {
        return "{\"id\":" + StoreJson.quote(id) + ",\"title\":" + StoreJson.quote(title) + ",\"artist\":" + StoreJson.quote(artist) + "}";
    }

    /** Reads the flat JSON object {@link #toJson()} writes. */
    public static Album fromJson(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        if (!fields.keySet().containsAll(java.util.List.of("id", "title", "artist"))) {
            throw new IllegalArgumentException("not an album: " + json);
        }
        return new Album(fields.get("id"), fields.get("title"), fields.get("artist"));
    }
}
