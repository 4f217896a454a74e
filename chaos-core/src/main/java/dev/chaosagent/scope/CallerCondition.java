package dev.chaosagent.scope;

import dev.chaosagent.rule.TargetPattern;
import java.util.List;

/**
 * {@code caller=com.acme.checkout.*#submit}: a method above the target on the calling thread's
 * stack, at most {@link #MAX_FRAMES} frames up, matches. Only rules with this key walk the stack.
 */
public record CallerCondition(TargetPattern method) implements ScopeCondition {

    public static final int MAX_FRAMES = 64;
    private static final String AGENT = "dev.chaosagent.";
    private static final StackWalker STACK = StackWalker.getInstance();

    @Override
    public String key() {
        return "caller";
    }

    @Override
    public String value() {
        return method.toString();
    }

    @Override
    public boolean admits(ScopedCall call) {
        // From the top: the agent's own frames, then the target method (the woven code runs in it), then its callers.
        return STACK.walk(frames -> frames.dropWhile(frame -> frame.getClassName().startsWith(AGENT))
                .skip(1)
                .limit(MAX_FRAMES)
                .anyMatch(frame -> method.matchesClassName(frame.getClassName()) && method.matchesMethod(frame.getMethodName(), List.of())));
    }
}
