package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Spring Boot page's test (docs/spring-boot.md) is this build's PricingChaosTest, word for word (from its imports on). */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheTestThatRuns() throws Exception {
        Path sources = Path.of("..", "src", "test", "java", "com", "example", "albums");
        String test = Files.readString(sources.resolve("PricingChaosTest.java"));
        String readme = Files.readString(Path.of("..", "..", "docs", "spring-boot.md"));

        assertThat(readme).contains("```java\n" + test.substring(test.indexOf("import ")) + "```\n");
    }
}
