package dev.chaosagent.scope;

/** {@code thread=http-nio-*}: the calling thread's name matches. */
public record ThreadCondition(Glob name) implements ScopeCondition {

    @Override
    public String key() {
        return "thread";
    }

    @Override
    public String value() {
        return name.toString();
    }

    @Override
    public boolean admits(ScopedCall call) {
        return name.matches(Thread.currentThread().getName());
    }
}
