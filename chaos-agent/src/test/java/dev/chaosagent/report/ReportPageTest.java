package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

    private static final String HOSTILE = "<script>alert(\\\"x\\\")</script>&amp;'";

    @Test
    void everyStringFromTheJournalIsEscaped(@TempDir Path dir) throws IOException {
        String journal = String.join("\n",
                "{\"time\":\"2026-12-06T10:00:00.000Z\",\"event\":\"experiment-started\",\"plan\":\"" + HOSTILE + "\",\"message\":\"" + HOSTILE
                        + "\",\"pod\":\"" + HOSTILE + "\",\"seed\":1,\"dryRun\":true,\"hypothesis\":{\"observe\":\"" + HOSTILE
                        + "\",\"windowMs\":10000,\"minCalls\":20,\"success\":0.99,\"p99Ms\":null},\"abort\":null,"
                        + "\"phases\":[{\"name\":\"" + HOSTILE + "\",\"durationMs\":1000,\"rules\":[\"" + HOSTILE + "\"]}],\"rules\":[\"name=" + HOSTILE + "\"]}",
                "{\"time\":\"2026-12-06T10:00:00.001Z\",\"event\":\"phase-started\",\"plan\":\"p\",\"phase\":\"" + HOSTILE + "\",\"message\":\"m\","
                        + "\"durationMs\":1000,\"rules\":[\"" + HOSTILE + "\"]}",
                "{\"time\":\"2026-12-06T10:00:01.000Z\",\"event\":\"observed\",\"plan\":\"p\",\"phase\":\"" + HOSTILE + "\",\"message\":\"m\","
                        + "\"calls\":30,\"failures\":1,\"success\":0.96,\"p99Ms\":12,\"windowCalls\":30,\"injections\":{\"" + HOSTILE + "\":3}}",
                "{\"time\":\"2026-12-06T10:00:01.200Z\",\"event\":\"hypothesis-broken\",\"plan\":\"p\",\"phase\":\"" + HOSTILE + "\",\"message\":\""
                        + HOSTILE + "\",\"success\":0.96,\"p99Ms\":12,\"windowCalls\":30,\"reason\":\"" + HOSTILE + "\"}",
                "{\"time\":\"2026-12-06T10:00:01.201Z\",\"event\":\"aborted\",\"plan\":\"p\",\"phase\":\"" + HOSTILE + "\",\"message\":\""
                        + HOSTILE + "\",\"reason\":\"" + HOSTILE + "\"}",
                "{\"time\":\"2026-12-06T10:00:01.300Z\",\"event\":\"" + HOSTILE + "\",\"rule\":\"" + HOSTILE + "\",\"message\":\"" + HOSTILE + "\"}",
                "");
        String page = ReportPage.render(JournalFile.read(Files.writeString(dir.resolve("hostile.jsonl"), journal)));
        assertThat(page).doesNotContain("<script", "alert(\"").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&#39;");
        assertThat(page).contains("class=\"ev-&lt;script&gt;");
    }

    @Test
    void everyEventWithNothingButItsTimeAndNameStillRenders(@TempDir Path dir) throws IOException {
        StringBuilder journal = new StringBuilder();
        int second = 0;
        for (String event : new String[] {"experiment-started", "added", "phase-started", "observed", "injections", "hypothesis-broken",
                "aborted", "resumed", "phase-ended", "phase-ended", "removed", "experiment-ended", "summary"}) {
            journal.append(String.format("{\"time\":\"2026-12-06T10:00:%02d.000Z\",\"event\":\"", second++)).append(event).append("\"}\n");
        }
        String page = ReportPage.render(JournalFile.read(Files.writeString(dir.resolve("bare.jsonl"), journal)));
        assertThat(page).contains("Verdict</span>Unfinished", "<svg", "resumed +0:07.0", "</html>");
    }

    @Test
    void thePageNeedsNothingFromTheNetwork() {
        for (String name : new String[] {"aborted.jsonl", "truncated.jsonl", "plain.jsonl"}) {
            String page = ReportPage.render(Fixtures.journal(name));
            assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<img")
                    .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(")
                    .doesNotContainIgnoringCase("@font-face").doesNotContain(" src=").doesNotContain("href=");
            Matcher address = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+").matcher(page);
            while (address.find()) {
                // the SVG namespace is a name, never fetched
                assertThat(address.group()).as(name).isEqualTo("http://www.w3.org");
            }
        }
    }

    @Test
    void theSectionsAreThereInOrder() {
        String page = ReportPage.render(Fixtures.journal("aborted.jsonl"));
        assertThat(page).containsSubsequence("<h1>checkout-resilience</h1>", "Verdict</span>Aborted", "<h2>Timeline</h2>", "<svg",
                "breach +0:46.6", "abort +0:46.6", "</svg>", "<h2>Phases</h2>", "payment-errors", "<h2>The experiment</h2>", "shop-7c9d5-x2k4q",
                "<h2>Rules</h2>", "<h2>Blameless write-up</h2>", "<h3>What we expected</h3>", "<h3>What happened</h3>",
                "<h3>What surprised us</h3>", "<h3>Follow-ups</h3>", "<h2>Journal events</h2>");
        assertThat(ReportPage.render(Fixtures.journal("truncated.jsonl")))
                .contains("The journal&#39;s last line (line 67) is cut short").contains("not reached");
    }
}
