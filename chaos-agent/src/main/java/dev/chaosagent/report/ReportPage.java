package dev.chaosagent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The postmortem as one self-contained HTML page: inline CSS and SVG, no script, no font or image
 * fetched, so that it opens offline, mails as one file and prints. Every string from the journal
 * is escaped. The same journal gives the same page, byte for byte (no clock, no locale, no path).
 */
public final class ReportPage {

    private final Timeline timeline;
    private final Verdict verdict;
    private final StringBuilder html = new StringBuilder();

    private ReportPage(Timeline timeline) {
        this.timeline = timeline;
        this.verdict = Verdict.of(timeline);
    }

    /** The page for a journal read with {@link JournalFile#read}. */
    public static String render(JournalFile journal) {
        return new ReportPage(Timeline.of(journal)).page();
    }

    /** The verdict's headline, for the CLI's one line. */
    public static String verdict(JournalFile journal) {
        return Verdict.of(Timeline.of(journal)).headline();
    }

    private String page() {
        String name = timeline.plan != null ? timeline.plan : timeline.file.name();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Postmortem: ").append(e(name)).append(" \u2014 ").append(e(verdict.headline())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        header(name);
        verdict();
        notes();
        timelineSection();
        if (timeline.isExperiment()) {
            phases();
            experiment();
        }
        rules();
        writeUp();
        events();
        html.append("<footer>Written by <code>java -jar chaos-agent.jar report</code> from ").append(e(timeline.file.name())).append(", ")
                .append(Verdict.plural(timeline.file.lines().size(), "line")).append(". Times are UTC.</footer>\n");
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(String name) {
        html.append("<header>\n<p class=\"eyebrow\">").append(timeline.isExperiment() ? "Chaos experiment \u00b7 postmortem" : "Chaos run \u00b7 postmortem")
                .append("</p>\n<h1>").append(e(name)).append("</h1>\n<p class=\"meta\">");
        List<String> facts = new ArrayList<>();
        facts.add("started " + Format.utcDateTime(timeline.start));
        facts.add("lasted " + Format.offset(timeline.end).substring(1));
        if (timeline.isExperiment()) {
            PlannedExperiment experiment = timeline.experiment;
            if (experiment.pod() != null) {
                facts.add("pod <b>" + e(experiment.pod()) + "</b>");
            }
            facts.add("seed " + (experiment.seed() == null ? "random" : "<b>" + experiment.seed() + "</b>"));
            if (experiment.dryRun()) {
                facts.add("<b>dry run</b>");
            }
        }
        html.append(String.join(" \u00b7 ", facts)).append("</p>\n</header>\n");
    }

    private void verdict() {
        html.append("<section id=\"verdict\" class=\"verdict verdict-").append(e(verdict.kind())).append("\">\n<div class=\"badge\"><span>")
                .append(timeline.isExperiment() ? "Verdict" : "Run").append("</span>").append(e(verdict.headline())).append("</div>\n<ul>\n");
        for (String reason : verdict.reasons()) {
            html.append("<li>").append(e(reason)).append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    /** What the reader must know about the journal itself: a line skipped, earlier runs left out. */
    private void notes() {
        List<String> notes = new ArrayList<>();
        if (timeline.file.truncatedLine() > 0) {
            notes.add("The journal's last line (line " + timeline.file.truncatedLine() + ") is cut short, as a JVM stopped in the middle of"
                    + " a write leaves it; it is skipped, and the report ends with the line before.");
        }
        if (timeline.experimentsInFile > 1) {
            notes.add("The journal holds " + timeline.experimentsInFile + " experiments; this report is about the last one, from line "
                    + timeline.firstLine + " on.");
        }
        if (!notes.isEmpty()) {
            html.append("<aside class=\"note\">\n");
            for (String note : notes) {
                html.append("<p>").append(e(note)).append("</p>\n");
            }
            html.append("</aside>\n");
        }
    }

    private void timelineSection() {
        html.append("<section class=\"chart\" id=\"timeline\">\n<h2>Timeline</h2>\n");
        if (TimelineChart.hasData(timeline)) {
            html.append(TimelineChart.svg(timeline));
            html.append("<p class=\"caption\">Minutes:seconds from the start. ");
            if (!timeline.phases.isEmpty()) {
                html.append("Bands are the phases: <span class=\"key injecting\"></span>rules act, <span class=\"key quiet\"></span>no rule acts. ");
            }
            if (!timeline.samples.isEmpty()) {
                html.append("Success and p99 are over the hypothesis' sliding window; a gap is a second with fewer calls than its minimum. ");
            } else {
                html.append("The journal has no per-second samples: injections are averaged over the journal's 10 s summaries. ");
            }
            html.append("</p>\n");
        } else {
            html.append("<p class=\"empty\">Nothing to chart: the journal has neither per-second samples nor injections.</p>\n");
        }
        html.append("</section>\n");
    }

    private void phases() {
        if (timeline.phases.isEmpty()) {
            return;
        }
        html.append("<section id=\"phases\">\n<h2>Phases</h2>\n<table class=\"phases\">\n<thead><tr><th>Phase</th><th>Rules acting</th><th>Start</th>")
                .append("<th class=\"num\">Ran</th><th class=\"num\">Planned</th><th class=\"num\">Calls</th><th class=\"num\">Success</th>")
                .append("<th class=\"num\">p99</th><th class=\"num\">Injections</th></tr></thead>\n<tbody>\n");
        PlannedExperiment.Hypothesis hypothesis = timeline.experiment.hypothesis();
        for (Timeline.Phase phase : timeline.phases) {
            boolean reached = phase.start() != null;
            html.append("<tr").append(reached ? "" : " class=\"unreached\"").append("><td><b>").append(e(phase.name())).append("</b>");
            for (Timeline.Mark breach : timeline.breaches) {
                if (Objects.equals(phase.name(), breach.phase())) {
                    html.append(" <span class=\"chip breach\">breach ").append(Format.offset(breach.at())).append("</span>");
                }
            }
            for (Timeline.Mark abort : timeline.aborts) {
                if (Objects.equals(phase.name(), abort.phase())) {
                    html.append(" <span class=\"chip abort\">abort ").append(Format.offset(abort.at())).append("</span>");
                }
            }
            html.append("</td><td>").append(phase.injects() ? e(String.join(", ", phase.rules())) : "<span class=\"muted\">none</span>")
                    .append("</td><td>").append(reached ? Format.offset(phase.start()) : "<span class=\"muted\">not reached</span>")
                    .append("</td><td class=\"num\">").append(reached ? Format.offset(phase.end() - phase.start()).substring(1) : "\u2013")
                    .append("</td><td class=\"num\">").append(Format.duration(phase.plannedMs())).append("</td>");
            if (phase.ended()) {
                boolean successBad = hypothesis != null && hypothesis.success() != null && phase.success() != null
                        && phase.success() < hypothesis.success();
                boolean p99Bad = hypothesis != null && hypothesis.p99Ms() != null && phase.p99Ms() != null && phase.p99Ms() > hypothesis.p99Ms();
                html.append("<td class=\"num\">").append(Format.count(phase.calls())).append("</td><td class=\"num").append(successBad ? " bad" : "")
                        .append("\">").append(Format.percent(phase.success())).append("</td><td class=\"num").append(p99Bad ? " bad" : "")
                        .append("\">").append(Format.millis(phase.p99Ms())).append("</td><td class=\"num\">").append(Format.count(phase.injections()))
                        .append("</td>");
            } else {
                html.append("<td class=\"num muted\" colspan=\"4\">").append(reached ? "no phase-ended line" : "").append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (hypothesis != null) {
            html.append("<p class=\"caption\">Success and p99 over each whole phase; red where they miss the hypothesis (success \u2265 ")
                    .append(Format.percent(hypothesis.success()))
                    .append(hypothesis.p99Ms() == null ? "" : ", p99 \u2264 " + Format.millis(hypothesis.p99Ms())).append(").</p>\n");
        }
        html.append("</section>\n");
    }

    private void experiment() {
        PlannedExperiment experiment = timeline.experiment;
        html.append("<section id=\"experiment\">\n<h2>The experiment</h2>\n<dl class=\"facts\">\n");
        fact("Plan", experiment.plan() == null ? null : "<code>" + e(experiment.plan()) + "</code>");
        fact("Pod", experiment.pod() == null ? "<span class=\"muted\">not in a pod</span>" : "<code>" + e(experiment.pod()) + "</code>");
        fact("Seed", experiment.seed() == null ? "none (random)" : "<code>" + experiment.seed() + "</code>");
        fact("Dry run", experiment.dryRun() ? "<b>yes</b>: rules counted what they would inject, nothing was applied" : "no");
        PlannedExperiment.Hypothesis hypothesis = experiment.hypothesis();
        if (hypothesis == null) {
            fact("Hypothesis", "none");
        } else {
            fact("Observed", "<code>" + e(hypothesis.observe()) + "</code>");
            fact("Hypothesis", "success \u2265 " + Format.percent(hypothesis.success())
                    + (hypothesis.p99Ms() == null ? "" : ", p99 \u2264 " + Format.millis(hypothesis.p99Ms()))
                    + " over a " + Format.duration(hypothesis.windowMs()) + " window of at least "
                    + (hypothesis.minCalls() == null ? "\u2013" : Format.count(Math.round(hypothesis.minCalls()))) + " calls");
        }
        PlannedExperiment.Abort abort = experiment.abort();
        if (abort == null) {
            fact("Abort", "none");
        } else {
            List<String> when = new ArrayList<>();
            if (Boolean.TRUE.equals(abort.onBrokenHypothesis())) {
                when.add("the hypothesis breaks in a phase that injects");
            }
            if (abort.heap() != null) {
                when.add("heap after GC above " + Format.percent(abort.heap()));
            }
            if (abort.afterMs() != null) {
                when.add("after " + Format.duration(abort.afterMs()));
            }
            fact("Abort when", when.isEmpty() ? "never" : e(String.join("; ", when)));
        }
        if (timeline.verdictAt != null) {
            fact("Ended", Format.offset(timeline.verdictAt) + " with verdict <b>" + e(timeline.verdict) + "</b>");
        }
        html.append("</dl>\n</section>\n");
    }

    private void fact(String name, String valueHtml) {
        html.append("<dt>").append(name).append("</dt><dd>").append(valueHtml == null ? "\u2013" : valueHtml).append("</dd>\n");
    }

    private void rules() {
        if (timeline.rules.isEmpty()) {
            return;
        }
        html.append("<section id=\"rules\">\n<h2>Rules</h2>\n<table class=\"rules\">\n<thead><tr><th>Rule</th><th>Spec</th><th>From</th>")
                .append("<th class=\"num\">").append(timeline.isExperiment() && timeline.experiment.dryRun() ? "Would inject" : "Injections")
                .append("</th></tr></thead>\n<tbody>\n");
        List<String> charted = new ArrayList<>(timeline.injections.keySet());
        for (Timeline.Rule rule : timeline.rules) {
            int colour = charted.indexOf(rule.name());
            html.append("<tr><td><b>");
            if (colour >= 0) {
                html.append("<span class=\"swatch\" style=\"background:").append(TimelineChart.colour(colour)).append("\"></span>");
            }
            html.append(e(rule.name())).append("</b></td><td><code>").append(e(rule.spec())).append("</code></td><td>").append(e(rule.source()))
                    .append("</td><td class=\"num\">").append(Format.count(timeline.injectionTotals.getOrDefault(rule.name(), 0L)))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void writeUp() {
        html.append("<section class=\"writeup\" id=\"write-up\">\n<h2>Blameless write-up</h2>\n")
                .append("<p class=\"caption\">For the team to fill in: what the system did, not who did what.</p>\n");
        for (String heading : List.of("What we expected", "What happened", "What surprised us", "Follow-ups")) {
            html.append("<h3>").append(heading).append("</h3>\n<div class=\"blank\"></div>\n");
        }
        html.append("</section>\n");
    }

    private void events() {
        html.append("<section class=\"events\" id=\"events\">\n<h2>Journal events</h2>\n<table>\n<thead><tr><th>Time (UTC)</th><th>At</th><th>Event</th>")
                .append("<th>Phase / rule</th><th>Message</th></tr></thead>\n<tbody>\n");
        for (JournalLine line : timeline.events) {
            String about = line.string("phase") != null ? line.string("phase") : line.string("rule");
            html.append("<tr class=\"ev-").append(e(line.event())).append("\"><td>").append(Format.utcTime(line.time())).append("</td><td>")
                    .append(Format.offset(timeline.at(line.time()))).append("</td><td><span class=\"event\">").append(e(line.event()))
                    .append("</span></td><td>").append(e(about)).append("</td><td>").append(e(line.string("message"))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String e(String text) {
        return Html.escape(text);
    }

    private static final String STYLE = """
            :root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --paper: #ffffff; --bg: #f8fafc; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink);
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 32px 32px 48px; }
            header h1 { margin: 0 0 4px; font-size: 30px; letter-spacing: -0.01em; word-break: break-word; }
            .eyebrow { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; font-weight: 600; color: var(--muted); }
            .meta { margin: 0; color: #334155; }
            section, aside.note { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 18px 0; }
            h2 { margin: 0 0 12px; font-size: 18px; }
            h3 { margin: 18px 0 6px; font-size: 15px; }
            code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
            .verdict { display: flex; gap: 22px; align-items: flex-start; border-left-width: 8px; }
            .verdict ul { margin: 0; padding-left: 18px; }
            .verdict li { margin: 3px 0; }
            .badge { flex: 0 0 auto; min-width: 150px; padding: 10px 14px; border-radius: 8px; color: #fff; font-size: 21px; font-weight: 700; line-height: 1.2; }
            .badge span { display: block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.08em; opacity: 0.85; }
            .verdict-held { border-left-color: #16a34a; } .verdict-held .badge { background: #16a34a; }
            .verdict-broken { border-left-color: #ea580c; } .verdict-broken .badge { background: #ea580c; }
            .verdict-aborted { border-left-color: #b91c1c; } .verdict-aborted .badge { background: #b91c1c; }
            .verdict-not-steady { border-left-color: #a16207; } .verdict-not-steady .badge { background: #a16207; }
            .verdict-completed { border-left-color: #2563eb; } .verdict-completed .badge { background: #2563eb; }
            .verdict-unfinished, .verdict-plain { border-left-color: #475569; }
            .verdict-unfinished .badge, .verdict-plain .badge { background: #475569; }
            aside.note { background: #fffbeb; border-color: #fcd34d; }
            aside.note p { margin: 0; }
            aside.note p + p { margin-top: 6px; }
            svg.timeline { display: block; width: 100%; height: auto; font-family: inherit; }
            .caption { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
            .key { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin: 0 4px -1px 0; border: 1px solid #cbd5e1; }
            .key.injecting { background: #fdf0d5; border-color: #f6d199; } .key.quiet { background: #f1f5f9; }
            .empty { color: var(--muted); }
            table { width: 100%; border-collapse: collapse; font-size: 14px; }
            th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600;
              border-bottom: 2px solid var(--line); padding: 6px 8px; }
            td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.bad { color: #b91c1c; font-weight: 700; }
            tr.unreached td { color: var(--muted); }
            .muted { color: var(--muted); }
            .rules td:first-child, .rules td:nth-child(3), .phases td:nth-child(3) { white-space: nowrap; }
            .chip { display: inline-block; font-size: 11px; font-weight: 700; padding: 1px 7px; border-radius: 999px; color: #fff; white-space: nowrap; }
            .chip.breach { background: #ea580c; } .chip.abort { background: #b91c1c; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
            dl.facts dt { color: var(--muted); font-weight: 600; }
            dl.facts dd { margin: 0; }
            .writeup .blank { min-height: 96px; border: 1px dashed #cbd5e1; border-radius: 6px; background: #fcfdfe; }
            .events table { font-size: 13px; }
            .events td:nth-child(-n+2) { white-space: nowrap; font-variant-numeric: tabular-nums; color: #334155; }
            .events td:nth-child(4) { white-space: nowrap; }
            .event { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; padding: 1px 6px; border-radius: 4px;
              background: #f1f5f9; white-space: nowrap; }
            .ev-hypothesis-broken .event { background: #ffedd5; color: #9a3412; }
            .ev-aborted .event { background: #fee2e2; color: #991b1b; }
            .ev-experiment-ended .event, .ev-experiment-started .event { background: #dbeafe; color: #1e40af; }
            footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
            @media (max-width: 700px) { main { padding: 16px; } .verdict { flex-direction: column; } }
            @media print {
              body { background: #fff; font-size: 11pt; }
              main { max-width: none; padding: 0; }
              section, aside.note { border: none; border-radius: 0; padding: 0; margin: 0 0 14pt; break-inside: avoid; }
              .verdict { border-left: 6pt solid; padding-left: 10pt; }
              section.events, section.writeup { break-inside: auto; }
              .writeup .blank { min-height: 140pt; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}
