package dev.chaosagent.experiment;

import java.util.Locale;

/**
 * Where an experiment stands: what JMX's {@code Experiment} attribute, the CLI's
 * {@code experiment PID}, the metrics and chaos-junit's assertions show.
 *
 * @param phase       the current phase's name, null without phases or once they are over
 * @param phaseNumber 1-based, 0 when there is no current phase
 * @param state       {@code running}, {@code aborted} or {@code ended}
 * @param verdict     {@code held}, {@code broken}, {@code aborted}, {@code not-steady} or {@code completed}: final once ended, so far before
 * @param abortReason {@code hypothesis}, {@code heap}, {@code after} or {@code operator} while aborted, else null
 * @param success     the share of successful calls in the window, NaN below minCalls (or without a hypothesis)
 * @param p99Seconds  the window's p99, NaN below minCalls (or without a hypothesis)
 */
public record ExperimentStatus(String plan, String phase, int phaseNumber, int phases, long phaseMillisLeft, String state,
                               String verdict, String abortReason, long windowCalls, double success, double p99Seconds,
                               boolean dryRun) {

    public boolean ended() {
        return state.equals("ended");
    }

    /** One line, e.g. {@code plan checkout, phase catalog-latency (2 of 3, 41s left), state running, verdict so far held, ...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("plan ").append(plan);
        if (phase != null) {
            text.append(", phase ").append(phase).append(" (").append(phaseNumber).append(" of ").append(phases)
                    .append(", ").append((phaseMillisLeft + 999) / 1000).append("s left)");
        } else if (phases > 0) {
            text.append(", phases over");
        }
        text.append(", state ").append(state);
        if (abortReason != null) {
            text.append(" (").append(abortReason).append(')');
        }
        text.append(ended() ? ", verdict " : ", verdict so far ").append(verdict);
        text.append(", window ").append(windowCalls).append(windowCalls == 1 ? " call" : " calls");
        if (!Double.isNaN(success)) {
            text.append(String.format(Locale.ROOT, ", success %.2f%%, p99 %.1f ms", 100 * success, 1000 * p99Seconds));
        }
        if (dryRun) {
            text.append(", dry run");
        }
        return text.toString();
    }
}
