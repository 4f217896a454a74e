package dev.chaosagent.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Latency on a method: {@code @InjectLatency(target = "com.acme.Client#fetch", value = "800ms")}. */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(InjectLatency.List.class)
public @interface InjectLatency {

    /** The methods, as {@code CLASS#METHOD}; leave empty when {@link #preset()} is given. */
    String target() default "";

    /**
     * A preset instead of a target, e.g. {@code jdbc}; its scope keys go in {@link #scope()}:
     * {@code @InjectLatency(preset = "jdbc", scope = "sql.table=orders", value = "800ms")}.
     */
    String preset() default "";

    /** A duration or a range: {@code 800ms}, {@code 200ms..1500ms}. */
    String value();

    double probability() default 1.0;

    /** Inject every Nth call; 0: off. */
    long every() default 0;

    /** At most N injections; 0: off. */
    long limit() default 0;

    /** The rule's name; generated when empty. */
    String name() default "";

    /**
     * Scope keys in the one-line form, all of which a call must meet to be eligible, e.g.
     * {@code "thread=worker-* arg0=42"}, {@code "baggage.chaos=slow-db"} or a preset's, such as
     * {@code "sql.table=orders"}; empty: every call.
     */
    String scope() default "";

    /** Holds repeated {@link InjectLatency}s. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        InjectLatency[] value();
    }
}
