package dev.chaosagent.junit;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.Faults;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.Presets;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The rules an annotated class or method declares: {@link ChaosRule}'s in the one-line form, the
 * typed annotations' built from their values with the rule builder, which checks each value as the
 * rule language does. A bad value throws {@link InvalidRuleException}, naming the key, the value and
 * what was expected.
 */
final class AnnotatedRules {

    private AnnotatedRules() {
    }

    static List<Rule> declaredOn(AnnotatedElement element) {
        List<Rule> rules = new ArrayList<>();
        for (ChaosRule rule : AnnotationSupport.findRepeatableAnnotations(element, ChaosRule.class)) {
            rules.add(RuleParser.forCurrentThread().parse(rule.value()));
        }
        for (InjectLatency latency : AnnotationSupport.findRepeatableAnnotations(element, InjectLatency.class)) {
            Fault fault = new LatencyFault(DurationRange.parseRange("latency", latency.value()));
            rules.add(rule(latency.name(), latency.target(), latency.preset(), latency.scope(), fault, latency.probability(),
                    latency.every(), latency.limit()));
        }
        for (InjectException exception : AnnotationSupport.findRepeatableAnnotations(element, InjectException.class)) {
            Fault fault = Faults.exception(exception.type(), exception.message().isEmpty() ? null : exception.message());
            rules.add(rule(exception.name(), exception.target(), exception.preset(), exception.scope(), fault, exception.probability(),
                    exception.every(), exception.limit()));
        }
        return rules;
    }

    /**
     * A typed annotation's rule. Empty text and 0 mean "not set", as the annotations' defaults say;
     * a target and a preset together, or neither, are refused by the builder as the rule language
     * refuses them.
     */
    private static Rule rule(String name, String target, String preset, String scope, Fault fault, double probability, long every,
                             long limit) {
        Rule.Builder rule = Rule.builder().fault(fault).probability(probability);
        if (!name.isEmpty()) {
            rule.name(name);
        }
        if (!target.isEmpty()) {
            rule.target(target);
        }
        Preset named = preset.isEmpty() ? null : Presets.named(preset);
        rule.preset(named);
        if (!scope.isBlank()) {
            rule.scope(RuleParser.parseScope(scope, named));
        }
        if (every != 0) {
            rule.every(every);
        }
        if (limit != 0) {
            rule.limit(limit);
        }
        return rule.build();
    }
}
