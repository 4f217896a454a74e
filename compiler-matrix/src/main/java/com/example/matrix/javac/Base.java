package com.example.matrix.javac;

public class Base {

    static int prices;

    public int price() {
        prices++;
        return 10;
    }
}
