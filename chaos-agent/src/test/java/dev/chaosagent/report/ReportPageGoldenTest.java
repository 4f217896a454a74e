package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fixture journal's page, byte for byte, against the page kept beside it. After an intended
 * change to the page, regenerate them and review the diff:
 * {@code mvn -pl chaos-agent -am -Dtest=ReportPageGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.report.regenerate=true test}.
 */
class ReportPageGoldenTest {

    private static final boolean REGENERATE = Boolean.getBoolean("chaos.report.regenerate");

    @ParameterizedTest
    @ValueSource(strings = {"aborted", "truncated", "plain", "real-aborted"})
    void thePageIsTheGoldenOne(String name) throws IOException {
        String page = ReportPage.render(Fixtures.journal(name + ".jsonl"));
        Path golden = Fixtures.path(name + ".html");
        if (REGENERATE) {
            Files.writeString(golden, page, StandardCharsets.UTF_8);
        }
        assertThat(page).as("%s differs from the page rendered now; if the change is intended, regenerate with"
                + " -Dchaos.report.regenerate=true and review the diff", golden).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
