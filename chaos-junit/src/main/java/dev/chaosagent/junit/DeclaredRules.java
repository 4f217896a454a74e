package dev.chaosagent.junit;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The rules an annotated class or method declares: {@link ChaosRule}'s text parsed, and
 * {@link InjectLatency} and {@link InjectException} built from their typed values. Throws
 * {@link dev.chaosagent.rule.InvalidRuleException} naming the bad value.
 */
final class DeclaredRules {

    private DeclaredRules() {
    }

    static List<Rule> declaredOn(AnnotatedElement element, RuleParser parser) {
        List<Rule> rules = new ArrayList<>();
        for (ChaosRule rule : AnnotationSupport.findRepeatableAnnotations(element, ChaosRule.class)) {
            rules.add(parser.parse(rule.value()));
        }
        for (InjectLatency latency : AnnotationSupport.findRepeatableAnnotations(element, InjectLatency.class)) {
            rules.add(rule(latency.name(), latency.target(), latency.probability(), latency.every(), latency.limit(), latency.scope())
                    .fault(new LatencyFault(DurationRange.parseRange("latency", latency.value())))
                    .build());
        }
        for (InjectException exception : AnnotationSupport.findRepeatableAnnotations(element, InjectException.class)) {
            rules.add(rule(exception.name(), exception.target(), exception.probability(), exception.every(), exception.limit(),
                    exception.scope())
                    .fault(ExceptionFault.of(exception.type(), exception.message().isEmpty() ? null : exception.message()))
                    .build());
        }
        return rules;
    }

    /** What the two annotations share; their defaults (0, 1.0, "") mean the key is not given. */
    private static Rule.Builder rule(String name, String target, double probability, long every, long limit, String scope) {
        Rule.Builder rule = Rule.builder().target(target).probability(probability).scope(RuleParser.parseScope(scope));
        if (!name.isEmpty()) {
            rule.name(name);
        }
        if (every != 0) {
            rule.every(every);
        }
        if (limit != 0) {
            rule.limit(limit);
        }
        return rule;
    }
}
