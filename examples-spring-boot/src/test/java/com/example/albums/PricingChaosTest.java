package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import dev.chaosagent.junit.InjectException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableChaos
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricingChaosTest {

    @Autowired
    private PriceService prices;

    @Test
    @Order(1)
    @InjectException(name = "pricing-down", target = "com.example.albums.PriceService#price",
            type = IllegalStateException.class, message = "chaos: pricing down")
    void theRuleActsOnTheBeanDuringItsTest(ChaosControl chaos) {
        assertThatThrownBy(() -> prices.price("7")).hasMessage("chaos: pricing down");
        assertThat(chaos.injections("pricing-down")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void andIsGoneInTheNextTest(ChaosControl chaos) {
        assertThat(prices.price("7")).isEqualTo(999);
        assertThat(chaos.describe()).doesNotContain("pricing-down");
    }
}
