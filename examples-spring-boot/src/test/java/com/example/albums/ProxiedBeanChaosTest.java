package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import dev.chaosagent.junit.InjectLatency;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Rules on a bean Spring proxies: the bean other beans get is a CGLIB subclass of the class written,
 * and a call through it is one call, counted and injected once, whether the rule names the class
 * ({@code AlbumService#album}) or the class and its subtypes, the proxy among them
 * ({@code AlbumService+#album}). The rules come after the context started, so here the proxy class
 * is retransformed, not woven as it loads (FatJarIT covers that).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableChaos
class ProxiedBeanChaosTest {

    @Autowired
    private AlbumService albums;

    @Test
    @InjectLatency(name = "slow-albums", target = "com.example.albums.AlbumService+#album", value = "300ms", every = 2)
    void aSubtypeRuleCountsACallThroughTheCglibProxyOnce(ChaosControl chaos) {
        assertThat(AopUtils.isCglibProxy(albums)).as(albums.getClass().getName()).isTrue();

        albums.album("proxied-1");
        albums.album("proxied-2");   // both miss the cache: each reaches AlbumService#album once

        assertThat(chaos.calls("slow-albums")).as("eligible calls in 2 calls through the proxy").isEqualTo(2);
        assertThat(chaos.injections("slow-albums")).as("injections with every=2").isEqualTo(1);
    }

    @Test
    @InjectLatency(name = "slow-album-class", target = "com.example.albums.AlbumService#album", value = "300ms", every = 2)
    void aRuleOnTheClassWrittenActsThroughTheProxy(ChaosControl chaos) {
        albums.album("class-1");
        albums.album("class-2");

        assertThat(chaos.calls("slow-album-class")).as("eligible calls in 2 calls through the proxy").isEqualTo(2);
        assertThat(chaos.injections("slow-album-class")).as("injections with every=2").isEqualTo(1);
    }
}
