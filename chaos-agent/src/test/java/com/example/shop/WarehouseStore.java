package com.example.shop;

public class WarehouseStore implements Store {
    @Override
    public int stock() {
        return 100;
    }
}
