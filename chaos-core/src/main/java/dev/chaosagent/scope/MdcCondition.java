package dev.chaosagent.scope;

/** {@code mdc.tenant=acme}: the application's SLF4J MDC on the calling thread has that key, matching. */
public record MdcCondition(String entry, Glob pattern) implements ScopeCondition {

    @Override
    public String key() {
        return "mdc." + entry;
    }

    @Override
    public String value() {
        return pattern.toString();
    }

    @Override
    public boolean admits(ScopedCall call) {
        String found = ApplicationContext.mdc(entry);
        return found != null && pattern.matches(found);
    }
}
