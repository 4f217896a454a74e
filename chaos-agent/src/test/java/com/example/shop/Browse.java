package com.example.shop;

/** The other call path to {@link Albums#find}. */
public class Browse {

    private final Albums albums = new Albums();

    public String show(int id) {
        return albums.find(id, "EU");
    }
}
