package dev.chaosagent.plan;

import java.util.List;

/** A plan refused as a whole, with every problem found in it, each naming where, the key, the value and what was expected. */
public class InvalidPlanException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidPlanException(String source, List<String> problems) {
        super(source + ": plan refused, " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, e.g. {@code rule 2 (flaky-db): latency: "fast" is not a duration (...)}. */
    public List<String> problems() {
        return problems;
    }
}
