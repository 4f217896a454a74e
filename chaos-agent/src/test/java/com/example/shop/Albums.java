package com.example.shop;

/** A repository whose calls differ by their parameters, for rules scoped by arguments. */
public class Albums {

    public String find(int id, String region) {
        return "album-" + id + "-" + region;
    }
}
