package dev.chaosagent.junit;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.commons.support.AnnotationSupport;

/** The rules an annotated class or method declares, in the one-line form. */
final class RuleSpecs {

    private RuleSpecs() {
    }

    static List<String> declaredOn(AnnotatedElement element) {
        List<String> specs = new ArrayList<>();
        for (ChaosRule rule : AnnotationSupport.findRepeatableAnnotations(element, ChaosRule.class)) {
            specs.add(rule.value());
        }
        for (InjectLatency latency : AnnotationSupport.findRepeatableAnnotations(element, InjectLatency.class)) {
            specs.add(spec(latency.name(), where(latency.target(), latency.preset()), "latency=" + latency.value(),
                    latency.probability(), latency.every(), latency.limit(), latency.scope()));
        }
        for (InjectException exception : AnnotationSupport.findRepeatableAnnotations(element, InjectException.class)) {
            String fault = "exception=" + exception.type().getName()
                    + (exception.message().isEmpty() ? "" : " message=" + quote(exception.message()));
            specs.add(spec(exception.name(), where(exception.target(), exception.preset()), fault, exception.probability(), exception.every(), exception.limit(),
                    exception.scope()));
        }
        return specs;
    }

    /**
     * {@code target=...}, {@code preset=...}, or both (which the rule language refuses with its own
     * message, as it does a rule with neither).
     */
    private static String where(String target, String preset) {
        String where = target.isEmpty() && !preset.isEmpty() ? "" : "target=" + quote(target);
        return preset.isEmpty() ? where : (where + " preset=" + quote(preset)).trim();
    }

    private static String spec(String name, String where, String fault, double probability, long every, long limit, String scope) {
        StringBuilder spec = new StringBuilder();
        if (!name.isEmpty()) {
            spec.append("name=").append(quote(name)).append(' ');
        }
        spec.append(where).append(' ').append(fault);
        if (probability != 1.0) {
            spec.append(String.format(Locale.ROOT, " probability=%s", probability));
        }
        if (every != 0) {
            spec.append(" every=").append(every);
        }
        if (limit != 0) {
            spec.append(" limit=").append(limit);
        }
        if (!scope.isBlank()) {
            spec.append(' ').append(scope.trim());
        }
        return spec.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
