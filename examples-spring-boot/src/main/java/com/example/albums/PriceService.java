package com.example.albums;

import org.springframework.stereotype.Service;

/** A plain bean: no proxy. */
@Service
public class PriceService {

    /** The price in cents. */
    public int price(String albumId) {
        return 999;
    }
}
