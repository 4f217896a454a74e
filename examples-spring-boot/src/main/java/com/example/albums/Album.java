package com.example.albums;

public record Album(String id, String title) {
}
