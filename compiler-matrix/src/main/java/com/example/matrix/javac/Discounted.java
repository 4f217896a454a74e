package com.example.matrix.javac;

/** Overrides {@link Base#price} and calls it with {@code super}. */
public class Discounted extends Base {

    @Override
    public int price() {
        return super.price() - 1;
    }
}
