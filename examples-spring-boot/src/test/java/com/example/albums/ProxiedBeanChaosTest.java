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
 * A {@code CLASS+} rule on a bean Spring proxies matches both the bean's class and the CGLIB subclass
 * Spring generated for it; a call through the proxy is still one call, counted and injected once.
 * The rule comes after the context started, so here the proxy class is retransformed, not woven as
 * it loads (FatJarIT covers that).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableChaos
class ProxiedBeanChaosTest {

    @Autowired
    private AlbumService albums;

    @Test
    @InjectLatency(name = "slow-albums", target = "com.example.albums.AlbumService+#album", value = "300ms", every = 2)
    void aCallThroughTheCglibProxyIsOneEligibleCall(ChaosControl chaos) {
        assertThat(AopUtils.isCglibProxy(albums)).as(albums.getClass().getName()).isTrue();

        albums.album("proxied-1");
        albums.album("proxied-2");   // both miss the cache: each reaches AlbumService#album once

        assertThat(chaos.calls("slow-albums")).as("eligible calls in 2 calls through the proxy").isEqualTo(2);
        assertThat(chaos.injections("slow-albums")).as("injections with every=2").isEqualTo(1);
    }
}
