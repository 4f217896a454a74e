package com.example.shop;

/** Generic: an implementation with a concrete type gets a bridge method from javac. */
public interface Pricing<T> {
    int price(T item);
}
