package dev.chaosagent.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a test's probabilistic faults reproducible: the same seed and call order give the same
 * injections. Without it every test still gets a seed, chosen at random and shown when the test
 * fails, so that a flaky chaos test can be replayed by adding {@code @ChaosSeed(that value)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ChaosSeed {
    long value();
}
