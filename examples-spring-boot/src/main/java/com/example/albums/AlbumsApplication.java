package com.example.albums;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;

/**
 * A small album service, the kind of Spring Boot application chaos-agent is attached to: a cached
 * bean that Spring proxies with a CGLIB subclass ({@link AlbumService}), a plain one
 * ({@link PriceService}), and a REST controller over both.
 */
@SpringBootApplication
@EnableCaching(proxyTargetClass = true)
public class AlbumsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlbumsApplication.class, args);
    }

    /** Declared here rather than auto-configured, which Boot 4 does only with its spring-boot-cache module. */
    @Bean
    CacheManager cacheManager() {
        return new ConcurrentMapCacheManager("albums");
    }
}
