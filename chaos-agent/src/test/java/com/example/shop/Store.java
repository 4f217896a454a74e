package com.example.shop;

/** An interface whose implementations a {@code Store+} rule reaches. */
public interface Store {
    int stock();
}
