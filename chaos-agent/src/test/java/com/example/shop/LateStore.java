package com.example.shop;

/** Loaded only when a test asks, after its rule exists. */
public class LateStore extends WarehouseStore {
    @Override
    public int stock() {
        return 7;
    }
}
