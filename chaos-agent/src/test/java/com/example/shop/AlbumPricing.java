package com.example.shop;

public class AlbumPricing implements Pricing<String> {
    @Override
    public int price(String album) {
        return album.length();
    }
}
