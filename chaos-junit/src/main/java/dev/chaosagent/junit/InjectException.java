package dev.chaosagent.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An exception thrown by a method:
 * {@code @InjectException(target = "com.acme.Repo#save", type = SQLException.class, message = "chaos")}.
 * A checked type that no matched method declares is a misconfiguration of the test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(InjectException.List.class)
public @interface InjectException {

    /** The methods, as {@code CLASS#METHOD}; leave empty when {@link #preset()} is given. */
    String target() default "";

    /**
     * A preset instead of a target, e.g. {@code jdbc}; its scope keys go in {@link #scope()}:
     * {@code @InjectException(preset = "jdbc", scope = "sql.type=insert", type = SQLException.class)}.
     */
    String preset() default "";

    Class<? extends Throwable> type();

    /** The exception's message; the default one when empty. */
    String message() default "";

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

    /** Holds repeated {@link InjectException}s. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        InjectException[] value();
    }
}
