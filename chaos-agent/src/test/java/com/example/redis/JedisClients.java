package com.example.redis;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Jedis two ways, in both majors: a plain {@code Jedis} connection, and a {@code JedisPool}'s connections. */
final class JedisClients {

    private final Jedis plain;
    private final JedisPool pool;

    private JedisClients(int port) {
        this.plain = new Jedis("127.0.0.1", port);
        this.pool = new JedisPool("127.0.0.1", port);
    }

    static JedisClients connect(int port) {
        return new JedisClients(port);
    }

    Object run(String[] words) {
        return switch (words[0] + " " + words[1]) {
            case "plain get" -> plain.get(words[2]);
            case "plain set" -> plain.set(words[2], words[3]);
            case "pooled get", "pooled set" -> pooled(words);
            default -> throw new IllegalArgumentException("no jedis command " + words[0] + " " + words[1]);
        };
    }

    /** A command on a connection borrowed from the pool, which goes back to it after the command, as an application's does. */
    private String pooled(String[] words) {
        try (Jedis borrowed = pool.getResource()) {
            return words[1].equals("get") ? borrowed.get(words[2]) : borrowed.set(words[2], words[3]);
        }
    }

    @Override
    public String toString() {
        return "jedis connected";
    }
}
