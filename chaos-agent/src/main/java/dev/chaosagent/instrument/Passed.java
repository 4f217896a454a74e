package dev.chaosagent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an advice parameter that receives one parameter of the woven method, for the {@code argN}
 * scope keys: the {@code value()}th of those the method passes. A {@code long} parameter gets it as
 * bits (primitives) or 0, an {@code Object} parameter gets it as it is (references) or null.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Passed {
    int value();
}
