package com.example.shop;

import java.util.concurrent.Callable;
import org.slf4j.MDC;

/** Runs work with a tenant in the application's own SLF4J MDC, as a request filter would. */
final class Tenants {

    private Tenants() {
    }

    static Object as(String tenant, Callable<Object> work) throws Exception {
        MDC.put("tenant", tenant);
        try {
            return work.call();
        } finally {
            MDC.remove("tenant");
        }
    }
}
