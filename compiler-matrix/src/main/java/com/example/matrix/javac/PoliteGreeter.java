package com.example.matrix.javac;

public class PoliteGreeter implements Greeter {

    static int greetings;

    @Override
    public String greet(String name) {
        greetings++;
        return "hello " + name;
    }
}
