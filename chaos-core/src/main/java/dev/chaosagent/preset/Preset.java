package dev.chaosagent.preset;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.rule.At;
import java.util.List;

/**
 * What users call an operation of some library (a SQL statement, an HTTP request), in a form the
 * engine and the weaver can act on: the methods that carry it, the scope keys that select it by what
 * users see, the faults it adds and the one it injects by default. A rule names it with
 * {@code preset=NAME} instead of a {@code target}.
 *
 * <p>A preset names the library's methods in the target grammar and reads them through
 * {@link Operand}s, so the agent never links against the library. At each call of a bound method the
 * woven code passes the method's operand (a parameter or the receiver); {@link #operation} turns it
 * into what the keys match against, once per call, however many of the rule's keys ask.
 */
public abstract class Preset {

    private final String name;

    protected Preset(String name) {
        this.name = name;
    }

    /** The value of the {@code preset} key, e.g. {@code jdbc}. */
    public final String name() {
        return name;
    }

    /** The methods that carry one operation each; a call nested in another of the same rule is part of it. */
    public abstract List<PresetMethod> methods();

    /** Methods whose exit remembers what a later call will need; none by default. */
    public List<Recorder> recorders() {
        return List.of();
    }

    /** The scope key of that name, or null when this preset has none. */
    public abstract PresetKey key(String key);

    /** The scope keys, as messages list them, e.g. {@code sql.type, sql.table, sql.text}. */
    public abstract List<String> keyNames();

    /** Fault keys this preset adds to those of every rule (e.g. {@code status}); none by default. */
    public List<String> faultKeys() {
        return List.of();
    }

    /** The fault of one of {@link #faultKeys()}; refuses a bad value with an {@code InvalidRuleException}. */
    public Fault fault(String key, String value, ClassLoader loader) {
        throw new IllegalStateException(name + " has no fault key " + key);
    }

    /**
     * The fault that acts on this preset's operations for a rule whose fault is {@code fault}, at
     * {@code at}: the rule's own by default. A preset whose operations report failure their own way
     * (Kafka's send: through its future and its callback, never by throwing) gives its own here, and
     * refuses with an {@code InvalidRuleException} a fault it cannot deliver there. Called when the
     * rule is made, so that a refusal comes then, and when the engine takes the rule.
     */
    public Fault delivery(Fault fault, At at) {
        return fault;
    }

    /** The fault of a rule of this preset that names none. */
    public abstract Fault defaultFault(ClassLoader loader);

    /**
     * What the operand of a call (as a {@link PresetMethod}'s {@link Operand} passed it) says of its
     * operation, for {@link PresetKey#matches}; null when it says nothing (the call is then out of
     * the scope of every key). Called on every call of a bound method whose rule has keys of this
     * preset: cheap, and allocation-free once the operation has been seen.
     */
    public abstract Object operation(Object operand);

    /**
     * Whether an observed call that ended without an exception failed all the same, as users see
     * it (an HTTP server's answer of 500 or more), read from its operand when it ends; no by default.
     * Called on every observed call: cheap, and allocation-free.
     */
    public boolean failed(Object operand) throws Throwable {
        return false;
    }

    /** The library, in words, for the message of a preset that binds nothing. */
    public abstract String library();

    /**
     * Resources whose presence on a class loader says the library is there though none of its
     * classes has loaded yet (e.g. {@code META-INF/services/java.sql.Driver}).
     */
    public abstract List<String> libraryMarkers();

    @Override
    public String toString() {
        return name;
    }
}
