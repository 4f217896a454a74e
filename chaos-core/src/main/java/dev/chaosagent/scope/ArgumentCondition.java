package dev.chaosagent.scope;

/** {@code arg1=EU-*}: a parameter's value, as text, matches. */
public record ArgumentCondition(int index, Glob pattern) implements ScopeCondition {

    @Override
    public String key() {
        return "arg" + index;
    }

    @Override
    public String value() {
        return pattern.toString();
    }

    @Override
    public boolean admits(ScopedCall call) {
        return call.argumentMatches(index, pattern);
    }
}
