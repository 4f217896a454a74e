package dev.chaosagent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The timeline as one inline SVG: panels stacked on a shared time axis (calls per second, success
 * and p99 against their thresholds, injections per rule), the phases as bands behind them, and
 * the breaches, aborts and resumes as vertical lines across all of them. A panel with nothing to
 * show is left out. Plain SVG attributes, no script and no external reference, so that the file
 * shows the same offline, printed, or opened on its own.
 */
final class TimelineChart {

    static final String[] RULE_COLOURS = {"#7c3aed", "#0891b2", "#db2777", "#65a30d", "#c2410c", "#4f46e5", "#0f766e", "#a16207"};
    private static final int WIDTH = 1000;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int MARK_LABELS = 18;
    private static final int PHASE_STRIP = 22;
    private static final int TITLE = 22;
    private static final int AXIS = 26;
    private static final String CALLS = "#8ea3bf";
    private static final String FAILURES = "#dc2626";
    private static final String SUCCESS = "#2563eb";
    private static final String P99 = "#9333ea";
    private static final String THRESHOLD = "#dc2626";
    private static final String BREACH = "#ea580c";
    private static final String ABORT = "#b91c1c";
    private static final String RESUME = "#15803d";

    private final Timeline timeline;
    private final double span;
    /** Heights of the row for the marks' labels and of the phases' strip; 0 when there are none. */
    private final int marks;
    private final int strip;
    private final StringBuilder svg = new StringBuilder();
    /** The horizontal spans of the marks' labels drawn so far. */
    private final List<double[]> labelled = new ArrayList<>();

    private TimelineChart(Timeline timeline) {
        this.timeline = timeline;
        double last = timeline.end;
        for (Timeline.Phase phase : timeline.phases) {
            if (phase.end() != null) {
                last = Math.max(last, phase.end());
            }
        }
        this.span = Math.max(last, 1);
        this.marks = timeline.breaches.isEmpty() && timeline.aborts.isEmpty() && timeline.resumes.isEmpty() ? 0 : MARK_LABELS;
        this.strip = timeline.phases.stream().anyMatch(phase -> phase.start() != null) ? PHASE_STRIP : 0;
    }

    /** Whether there is anything to chart: samples or injections. */
    static boolean hasData(Timeline timeline) {
        return !timeline.samples.isEmpty() || !timeline.injections.isEmpty();
    }

    static String svg(Timeline timeline) {
        return new TimelineChart(timeline).draw();
    }

    private String draw() {
        List<Panel> panels = panels();
        int height = Math.max(marks + strip, 4);
        for (Panel panel : panels) {
            height += TITLE + panel.height;
        }
        int plotTop = Math.max(marks + strip, 4);
        int plotBottom = height;
        height += AXIS + legendHeight();
        svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"timeline-title\">\n");
        svg.append("<title id=\"timeline-title\">Timeline: ").append(Html.escape(panels.stream().map(p -> p.title)
                .reduce((a, b) -> a + ", " + b).orElse("phases"))).append("</title>\n");
        phaseStrip();
        int top = plotTop;
        for (Panel panel : panels) {
            int plot = top + TITLE;
            phaseBands(plot, plot + panel.height);
            timeGrid(plot, plot + panel.height);
            panel.draw(this, plot);
            top += TITLE + panel.height;
        }
        timeAxis(plotBottom);
        marks(plotBottom);
        legend(plotBottom + AXIS);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private abstract static class Panel {
        final String title;
        final int height;

        Panel(String title, int height) {
            this.title = title;
            this.height = height;
        }

        abstract void draw(TimelineChart chart, int top);
    }

    private List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        List<Timeline.Sample> samples = timeline.samples;
        PlannedExperiment.Hypothesis hypothesis = timeline.experiment == null ? null : timeline.experiment.hypothesis();
        if (!samples.isEmpty()) {
            panels.add(new Panel("Observed calls per second", 110) {
                @Override
                void draw(TimelineChart chart, int top) {
                    chart.callsPanel(this, top);
                }
            });
            panels.add(new Panel("Success (sliding window)", 110) {
                @Override
                void draw(TimelineChart chart, int top) {
                    chart.successPanel(this, top, hypothesis == null ? null : hypothesis.success());
                }
            });
            boolean anyP99 = samples.stream().anyMatch(sample -> sample.p99Ms() != null);
            if (anyP99 || (hypothesis != null && hypothesis.p99Ms() != null)) {
                panels.add(new Panel("p99 (sliding window)", 110) {
                    @Override
                    void draw(TimelineChart chart, int top) {
                        chart.p99Panel(this, top, hypothesis == null ? null : hypothesis.p99Ms());
                    }
                });
            }
        }
        if (!timeline.injections.isEmpty()) {
            String what = timeline.experiment != null && timeline.experiment.dryRun() ? "Would-be injections" : "Injections";
            String per = timeline.injectionsPerSecond() ? " per second, by rule" : " per second, by rule (10 s averages)";
            panels.add(new Panel(what + per, 110) {
                @Override
                void draw(TimelineChart chart, int top) {
                    chart.injectionsPanel(this, top);
                }
            });
        }
        return panels;
    }

    private void callsPanel(Panel panel, int top) {
        double max = 0;
        for (Timeline.Sample sample : timeline.samples) {
            max = Math.max(max, sample.calls());
        }
        Scale scale = Scale.from(0, max, panel.height, top);
        title(panel, top, List.of(new Key(FAILURES, "failed", false), new Key(CALLS, "calls", false)));
        yAxis(scale, value -> Format.decimals(value, 1));
        svg.append(stepArea(scale, sample -> (double) sample.calls(), CALLS));
        svg.append(stepArea(scale, sample -> (double) sample.failures(), FAILURES));
    }

    private void successPanel(Panel panel, int top, Double threshold) {
        double min = threshold == null ? 1 : threshold;
        for (Timeline.Sample sample : timeline.samples) {
            if (sample.success() != null && !sample.success().isNaN()) {
                min = Math.min(min, sample.success());
            }
        }
        double low = Math.max(0, Math.min(0.99, min - (1 - min) * 0.25)); // at least 99% to 100%, whatever the data
        Scale scale = Scale.from(low, 1, panel.height, top);
        title(panel, top, keys(SUCCESS, "success", threshold == null ? null : "threshold " + Format.percent(threshold)));
        if (threshold != null) {
            rect(LEFT, scale.y(threshold), PLOT_WIDTH, scale.bottom - scale.y(threshold), "#fee2e2", "0.6");
        }
        yAxis(scale, Format::percent);
        svg.append(line(scale, Timeline.Sample::success, SUCCESS));
        if (threshold != null) {
            thresholdLine(scale.y(threshold));
        }
    }

    private void p99Panel(Panel panel, int top, Double threshold) {
        double max = threshold == null ? 0 : threshold * 1.25;
        for (Timeline.Sample sample : timeline.samples) {
            if (sample.p99Ms() != null && !sample.p99Ms().isNaN()) {
                max = Math.max(max, sample.p99Ms());
            }
        }
        Scale scale = Scale.from(0, max, panel.height, top);
        title(panel, top, keys(P99, "p99", threshold == null ? null : "threshold " + Format.millis(threshold)));
        if (threshold != null) {
            rect(LEFT, scale.top, PLOT_WIDTH, scale.y(threshold) - scale.top, "#fee2e2", "0.6");
        }
        yAxis(scale, value -> Format.millis(value));
        svg.append(line(scale, Timeline.Sample::p99Ms, P99));
        if (threshold != null) {
            thresholdLine(scale.y(threshold));
        }
    }

    private static List<Key> keys(String colour, String label, String threshold) {
        return threshold == null ? List.of(new Key(colour, label, false))
                : List.of(new Key(THRESHOLD, threshold, true), new Key(colour, label, false));
    }

    private void injectionsPanel(Panel panel, int top) {
        double max = 0;
        for (List<Timeline.Step> steps : timeline.injections.values()) {
            for (Timeline.Step step : steps) {
                max = Math.max(max, step.perSecond());
            }
        }
        Scale scale = Scale.from(0, max, panel.height, top);
        title(panel, top, List.of());
        yAxis(scale, value -> Format.decimals(value, 1));
        int colour = 0;
        for (Map.Entry<String, List<Timeline.Step>> rule : timeline.injections.entrySet()) {
            StringBuilder path = new StringBuilder();
            double lastTo = Double.NaN;
            for (Timeline.Step step : rule.getValue()) {
                double y = scale.y(step.perSecond());
                if (step.from() != lastTo) {
                    if (!Double.isNaN(lastTo)) {
                        path.append(" L").append(num(x(lastTo))).append(',').append(num(scale.bottom));
                    }
                    path.append(path.length() == 0 ? "M" : " L").append(num(x(step.from()))).append(',').append(num(scale.bottom));
                }
                path.append(" L").append(num(x(step.from()))).append(',').append(num(y));
                path.append(" L").append(num(x(step.to()))).append(',').append(num(y));
                lastTo = step.to();
            }
            path.append(" L").append(num(x(lastTo))).append(',').append(num(scale.bottom));
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour(colour++))
                    .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"><title>").append(Html.escape(rule.getKey()))
                    .append("</title></path>\n");
        }
    }

    static String colour(int index) {
        return RULE_COLOURS[index % RULE_COLOURS.length];
    }

    private int legendHeight() {
        return timeline.injections.isEmpty() ? 0 : 22 * (int) Math.ceil(timeline.injections.size() / 4.0);
    }

    /** The rules' colours under the axis, four to a row, each with its total. */
    private void legend(int top) {
        int index = 0;
        for (Map.Entry<String, Long> rule : timeline.injectionTotals.entrySet()) {
            int x = LEFT + (index % 4) * (PLOT_WIDTH / 4);
            int y = top + 14 + (index / 4) * 22;
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"14\" height=\"4\" rx=\"1\" fill=\"")
                    .append(colour(index)).append("\"/>");
            svg.append("<text x=\"").append(x + 20).append("\" y=\"").append(y).append("\" font-size=\"12\" fill=\"#1e293b\">")
                    .append(Html.escape(abbreviate(rule.getKey(), 30))).append(" <tspan fill=\"#64748b\">(")
                    .append(Verdict.plural(rule.getValue(), "injection")).append(")</tspan></text>\n");
            index++;
        }
    }

    /** A swatch in a panel's title line: a filled square, or a dashed line for a threshold. */
    private record Key(String colour, String label, boolean dashed) {
    }

    /** The panel's title on the left, its keys from the right edge leftwards, and its frame. */
    private void title(Panel panel, int top, List<Key> keys) {
        int y = top - 7;
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(y).append("\" font-size=\"12.5\" font-weight=\"600\" fill=\"#0f172a\">")
                .append(Html.escape(panel.title)).append("</text>");
        int right = WIDTH - RIGHT;
        for (Key key : keys) {
            svg.append("<text x=\"").append(right).append("\" y=\"").append(y).append("\" font-size=\"11.5\" fill=\"#334155\" text-anchor=\"end\">")
                    .append(Html.escape(key.label())).append("</text>");
            int swatch = right - (int) Math.round(key.label().length() * 6.6) - 20;
            if (key.dashed()) {
                svg.append("<line x1=\"").append(swatch).append("\" x2=\"").append(swatch + 14).append("\" y1=\"").append(y - 4)
                        .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(key.colour()).append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>");
            } else {
                svg.append("<rect x=\"").append(swatch + 2).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" rx=\"2\" fill=\"")
                        .append(key.colour()).append("\"/>");
            }
            right = swatch - 14;
        }
        svg.append('\n');
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_WIDTH).append("\" height=\"")
                .append(panel.height).append("\" fill=\"none\" stroke=\"#cbd5e1\"/>\n");
    }

    private void yAxis(Scale scale, Function<Double, String> label) {
        for (double tick : scale.ticks) {
            double y = scale.y(tick);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e2e8f0\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4)).append("\" font-size=\"11\" fill=\"#475569\" text-anchor=\"end\">")
                    .append(Html.escape(label.apply(tick))).append("</text>\n");
        }
    }

    private String stepArea(Scale scale, Function<Timeline.Sample, Double> value, String colour) {
        StringBuilder path = new StringBuilder();
        double lastEnd = Double.NaN;
        for (Timeline.Sample sample : timeline.samples) {
            double from = sample.start();
            double y = scale.y(value.apply(sample));
            if (from != lastEnd) {
                if (!Double.isNaN(lastEnd)) {
                    path.append(" L").append(num(x(lastEnd))).append(',').append(num(scale.bottom));
                }
                path.append(path.length() == 0 ? "M" : " L").append(num(x(Math.max(from, 0)))).append(',').append(num(scale.bottom));
            }
            path.append(" L").append(num(x(Math.max(from, 0)))).append(',').append(num(y));
            path.append(" L").append(num(x(sample.end()))).append(',').append(num(y));
            lastEnd = sample.end();
        }
        path.append(" L").append(num(x(lastEnd))).append(',').append(num(scale.bottom)).append(" Z");
        return "<path d=\"" + path + "\" fill=\"" + colour + "\"/>\n";
    }

    /** A line through the samples' values, broken where a sample has none (fewer calls than minCalls). */
    private String line(Scale scale, Function<Timeline.Sample, Double> value, String colour) {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (Timeline.Sample sample : timeline.samples) {
            Double v = value.apply(sample);
            if (v == null || v.isNaN()) {
                drawing = false;
                continue;
            }
            path.append(drawing ? " L" : (path.length() == 0 ? "M" : " M")).append(num(x(sample.end()))).append(',').append(num(scale.y(v)));
            drawing = true;
        }
        return path.length() == 0 ? "" : "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour
                + "\" stroke-width=\"1.8\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n";
    }

    private void thresholdLine(double y) {
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y1=\"").append(num(y)).append("\" y2=\"")
                .append(num(y)).append("\" stroke=\"").append(THRESHOLD).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n");
    }

    /** The phases' names on a strip above the panels, each with its span and rules as a tooltip. */
    private void phaseStrip() {
        for (Timeline.Phase phase : timeline.phases) {
            if (phase.start() == null) {
                continue;
            }
            double from = x(phase.start());
            double to = x(phase.end());
            svg.append("<g><title>").append(Html.escape("phase " + phase.name() + " " + Format.offset(phase.start()) + " to "
                    + Format.offset(phase.end()) + (phase.injects() ? ", rules " + String.join(", ", phase.rules()) : ", no rule acts")))
                    .append("</title>");
            rect(from, marks, to - from, strip, phase.injects() ? "#f6d199" : "#cbd5e1", null);
            int fits = (int) ((to - from - 8) / 6.6);
            if (fits >= 3) {
                svg.append("<text x=\"").append(num((from + to) / 2)).append("\" y=\"").append(marks + 15)
                        .append("\" font-size=\"11.5\" font-weight=\"600\" fill=\"#1e293b\" text-anchor=\"middle\">")
                        .append(Html.escape(abbreviate(phase.name(), fits))).append("</text>");
            }
            svg.append("</g>\n");
        }
    }

    /** The phases behind one panel: amber where rules act, grey where none does, a white line between two. */
    private void phaseBands(int top, int bottom) {
        int quiet = 0;
        for (Timeline.Phase phase : timeline.phases) {
            if (phase.start() == null) {
                continue;
            }
            double from = x(phase.start());
            double to = x(phase.end());
            rect(from, top, to - from, bottom - top, phase.injects() ? "#fdf0d5" : (quiet++ % 2 == 0 ? "#f1f5f9" : "#e9eef5"), null);
            svg.append("<line x1=\"").append(num(from)).append("\" x2=\"").append(num(from)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n");
        }
    }

    private void timeGrid(int top, int bottom) {
        double step = tickStep(span);
        for (double t = 0; t <= span + 1e-9; t += step) {
            svg.append("<line x1=\"").append(num(x(t))).append("\" x2=\"").append(num(x(t))).append("\" y1=\"").append(top).append("\" y2=\"")
                    .append(bottom).append("\" stroke=\"#94a3b8\" stroke-opacity=\"0.25\"/>");
        }
        svg.append('\n');
    }

    private void timeAxis(int bottom) {
        double step = tickStep(span);
        for (double t = 0; t <= span + 1e-9; t += step) {
            svg.append("<text x=\"").append(num(x(t))).append("\" y=\"").append(bottom + 16)
                    .append("\" font-size=\"11\" fill=\"#475569\" text-anchor=\"middle\">").append(Format.tick(t)).append("</text>");
        }
        svg.append('\n');
    }

    private void marks(int bottom) {
        for (Timeline.Mark breach : timeline.breaches) {
            mark(breach.at(), bottom, BREACH, "breach " + Format.offset(breach.at()), false, "6 3", breach.reason());
        }
        for (Timeline.Mark abort : timeline.aborts) {
            mark(abort.at(), bottom, ABORT, "abort " + Format.offset(abort.at()), true, null, "reason: " + abort.reason());
        }
        for (Timeline.Mark resume : timeline.resumes) {
            mark(resume.at(), bottom, RESUME, "resumed " + Format.offset(resume.at()), true, "2 3", "operator resumed the plan");
        }
    }

    private void mark(double at, int bottom, String colour, String label, boolean right, String dashes, String why) {
        double x = x(at);
        svg.append("<g><title>").append(Html.escape(label + (why == null ? "" : ": " + why))).append("</title>");
        svg.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(marks - 4).append("\" y2=\"")
                .append(bottom).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                .append(dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"").append("/>");
        double width = label.length() * 6.8;
        boolean toRight = right ? x + width < WIDTH : x - width < 0;
        double from = toRight ? x + 5 : x - 5 - width;
        double to = from + width;
        // a label that would overlap one already drawn is left out: the line stays, its tooltip and the verdict say when
        if (labelled.stream().anyMatch(taken -> from < taken[1] && taken[0] < to)) {
            svg.append("</g>\n");
            return;
        }
        labelled.add(new double[] {from, to});
        svg.append("<text x=\"").append(num(toRight ? x + 5 : x - 5)).append("\" y=\"").append(marks - 6)
                .append("\" font-size=\"12\" font-weight=\"700\" fill=\"").append(colour).append("\" text-anchor=\"")
                .append(toRight ? "start" : "end").append("\">").append(Html.escape(label)).append("</text></g>\n");
    }

    private void rect(double x, double y, double width, double height, String fill, String opacity) {
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(Math.max(width, 0)))
                .append("\" height=\"").append(num(Math.max(height, 0))).append("\" fill=\"").append(fill).append('"')
                .append(opacity == null ? "" : " fill-opacity=\"" + opacity + "\"").append("/>");
    }

    private double x(double seconds) {
        return LEFT + Math.max(0, Math.min(seconds, span)) / span * PLOT_WIDTH;
    }

    /** The axis' step: a round number of seconds or minutes giving at most ten ticks. */
    static double tickStep(double span) {
        for (double step : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200}) {
            if (span / step <= 10) {
                return step;
            }
        }
        return Math.ceil(span / 10 / 3600) * 3600;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    static String num(double value) {
        return Format.decimals(value, 1);
    }

    /** A vertical scale from {@code low} to a round maximum, with round ticks. */
    static final class Scale {
        final double low;
        final double high;
        final double top;
        final double bottom;
        final List<Double> ticks = new ArrayList<>();

        private Scale(double low, double high, double top, double bottom, double step) {
            this.low = low;
            this.high = high;
            this.top = top;
            this.bottom = bottom;
            for (double tick = Math.ceil(low / step - 1e-9) * step; tick <= high + step * 1e-6; tick += step) {
                ticks.add(tick);
            }
        }

        static Scale from(double low, double max, int height, int top) {
            double range = Math.max(max - low, low == 0 ? 1 : 1e-4);
            double step = niceStep(range / 4);
            double high = low == 0 ? Math.ceil(max / step - 1e-9) * step : max;
            if (high <= low) {
                high = low + step;
            }
            double floor = low == 0 ? 0 : Math.floor(low / step + 1e-9) * step;
            return new Scale(floor, high, top, top + height, step);
        }

        double y(double value) {
            return bottom - (value - low) / (high - low) * (bottom - top);
        }

        static double niceStep(double rough) {
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            for (double nice : new double[] {1, 2, 2.5, 5, 10}) {
                if (rough <= nice * power) {
                    return nice * power;
                }
            }
            return 10 * power;
        }
    }
}
