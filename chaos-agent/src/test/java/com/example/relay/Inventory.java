package com.example.relay;

/** What the inventory service does per request; the game day's fault is aimed here. */
public class Inventory {

    public String lookup(String sku) {
        return sku + ": 7 in stock";
    }
}
