package dev.chaosagent.scope;

/** {@code baggage.chaos=slow-db}: the current OpenTelemetry baggage has that entry, matching. */
public record BaggageCondition(String entry, Glob pattern) implements ScopeCondition {

    @Override
    public String key() {
        return "baggage." + entry;
    }

    @Override
    public String value() {
        return pattern.toString();
    }

    @Override
    public boolean admits(ScopedCall call) {
        String found = ApplicationContext.baggage(entry);
        return found != null && pattern.matches(found);
    }
}
