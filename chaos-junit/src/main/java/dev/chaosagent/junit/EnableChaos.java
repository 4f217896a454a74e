package dev.chaosagent.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Turns chaos on for a test class: registers {@link ChaosExtension}, and takes a lock that chaos
 * tests share, so that they never run at the same time as each other (their rules act on the whole
 * JVM) even when JUnit runs classes in parallel.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChaosExtension.class)
@ResourceLock(ChaosExtension.RESOURCE_LOCK)
public @interface EnableChaos {
}
