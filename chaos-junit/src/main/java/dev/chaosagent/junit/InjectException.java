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

    String target();

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
     * {@code "thread=worker-* arg0=42"} or {@code "baggage.chaos=slow-db"}; empty: every call.
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
