package com.example.shop;

/** One of two call paths to {@link Albums#find}, for rules scoped by their caller. */
public class Checkout {

    private final Albums albums = new Albums();

    public String submit(int id) {
        return albums.find(id, "EU");
    }
}
