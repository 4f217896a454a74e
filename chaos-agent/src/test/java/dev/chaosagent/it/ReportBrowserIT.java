package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's {@code chromium}, headless and offline, renders the page
 * the jar wrote to a screenshot, and the screenshot must show the page and its chart, not a blank
 * or an error page. Skipped, and says so, where chromium is not installed ({@code .ci/run}
 * installs it).
 */
class ReportBrowserIT {

    /** Colours of large areas the page paints: the verdict badge, an injecting phase's band, the calls per second. */
    private static final int ABORTED_BADGE = 0xb91c1c;
    private static final int INJECTING_BAND = 0xfdf0d5;
    private static final int CALLS = 0x8ea3bf;

    @TempDir
    Path dir;

    @Test
    void chromiumRendersThePageWithItsChart() throws Exception {
        boolean installed = ForkedJvm.onPath("chromium");
        if (!installed) {
            System.out.println("ReportBrowserIT: chromium is not on the PATH, the browser test is skipped (apt-get install chromium)");
        }
        Assumptions.assumeTrue(installed, "chromium is not on the PATH");
        Path journal = Files.copy(Path.of("src/test/resources/report/aborted.jsonl"), dir.resolve("aborted.jsonl"));
        CliIT.Run report = CliIT.cli("report", journal.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        Path page = dir.resolve("aborted.html");

        Path screenshot = dir.resolve("report.png");
        Process chromium = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + screenshot, "--window-size=1280,1600", page.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        boolean done = chromium.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            chromium.destroyForcibly();
        }
        assertThat(done).as("chromium finished within 120 s").isTrue();
        assertThat(screenshot).as("screenshot; chromium said: %s", Files.readString(dir.resolve("chromium.log"))).isRegularFile();
        Files.copy(screenshot, Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(1600);
        Set<Integer> colours = new HashSet<>();
        int badge = 0;
        int calls = 0;
        int bandTop = Integer.MAX_VALUE;
        int bandBottom = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                badge += rgb == ABORTED_BADGE ? 1 : 0;
                calls += rgb == CALLS ? 1 : 0;
                if (rgb == INJECTING_BAND) {
                    bandTop = Math.min(bandTop, y);
                    bandBottom = Math.max(bandBottom, y);
                }
            }
        }
        Set<Integer> chartColours = new HashSet<>();
        for (int y = Math.max(bandTop, 0); y <= bandBottom; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                chartColours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        System.out.printf("ReportBrowserIT: chromium rendered the report to a %dx%d screenshot: %d distinct colours; the chart's phase bands"
                + " span rows %d to %d with %d colours; %d pixels of the verdict badge, %d of calls per second (kept at target/report-screenshot.png)%n",
                image.getWidth(), image.getHeight(), colours.size(), bandTop, bandBottom, chartColours.size(), badge, calls);
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(200);
        assertThat(badge).as("pixels of the verdict badge").isGreaterThan(3_000);
        assertThat(bandBottom - bandTop).as("height of the chart's phase bands").isGreaterThan(300);
        assertThat(calls).as("pixels of the calls-per-second area").isGreaterThan(20_000);
        assertThat(chartColours.size()).as("distinct colours in the chart").isGreaterThan(50);
    }
}
