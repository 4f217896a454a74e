package dev.chaosagent.fault;

import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.RuleValue;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code returns=null}: the call returns that value without running its body (or, at exit, instead
 * of the value the body returned). The literal is checked against each matched method's return type.
 */
public record ReturnsFault(RuleValue literal) implements Fault {

    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");
    private static final Set<String> STRING_TYPES = Set.of("java.lang.String", "java.lang.CharSequence", "java.lang.Object");

    public ReturnsFault {
        if (literal.kind() == RuleValue.Kind.LITERAL && !isNull(literal) && !isBoolean(literal) && number(literal) == null) {
            throw new InvalidRuleException("returns", literal.text(),
                    "is not a value (expected null, true, false, a number or a quoted string)");
        }
    }

    @Override
    public String key() {
        return "returns";
    }

    @Override
    public String value() {
        return literal.kind() == RuleValue.Kind.STRING
                ? '"' + literal.text().replace("\\", "\\\\").replace("\"", "\\\"") + '"'
                : literal.text();
    }

    @Override
    public boolean entryOnly() {
        return false;
    }

    @Override
    public Object inject(FaultContext context, long n) {
        Object value = context.returnValue();
        return value == null ? NULL_RESULT : value;
    }

    /**
     * The value converted for a method returning {@code returnType} (a Java type name such as
     * {@code int} or {@code java.lang.String}).
     *
     * @throws IllegalArgumentException saying why the value does not fit
     */
    public Object convertFor(String returnType) {
        if (isNull(literal)) {
            if (isPrimitive(returnType)) {
                throw new IllegalArgumentException("null cannot be returned as " + returnType);
            }
            return null;
        }
        if (returnType.equals("void")) {
            throw new IllegalArgumentException("a void method returns nothing (expected returns=null to skip its body)");
        }
        if (literal.kind() == RuleValue.Kind.STRING) {
            if (STRING_TYPES.contains(returnType)) {
                return literal.text();
            }
            throw new IllegalArgumentException("a string cannot be returned as " + returnType);
        }
        if (isBoolean(literal)) {
            if (Set.of("boolean", "java.lang.Boolean", "java.lang.Object", "java.io.Serializable").contains(returnType)) {
                return Boolean.valueOf(literal.text());
            }
            throw new IllegalArgumentException(literal.text() + " cannot be returned as " + returnType);
        }
        return convertNumber(returnType);
    }

    private Object convertNumber(String returnType) {
        BigDecimal number = number(literal);
        try {
            return switch (returnType) {
                case "int", "java.lang.Integer" -> number.intValueExact();
                case "long", "java.lang.Long" -> number.longValueExact();
                case "short", "java.lang.Short" -> number.shortValueExact();
                case "byte", "java.lang.Byte" -> number.byteValueExact();
                case "double", "java.lang.Double" -> number.doubleValue();
                case "float", "java.lang.Float" -> number.floatValue();
                case "java.lang.Number", "java.lang.Object", "java.io.Serializable" ->
                        number.scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
                default -> throw new IllegalArgumentException("a number cannot be returned as " + returnType);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(literal.text() + " does not fit in " + returnType);
        }
    }

    private static boolean isPrimitive(String type) {
        return Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double").contains(type);
    }

    private static boolean isNull(RuleValue v) {
        return v.kind() == RuleValue.Kind.NULL || (v.kind() == RuleValue.Kind.LITERAL && v.text().equals("null"));
    }

    private static boolean isBoolean(RuleValue v) {
        return v.kind() == RuleValue.Kind.LITERAL && (v.text().equals("true") || v.text().equals("false"));
    }

    private static BigDecimal number(RuleValue v) {
        // Plain decimals only: an exponent such as 1e999999999 would make exact conversion explode.
        if (v.kind() != RuleValue.Kind.LITERAL || v.text().length() > 40 || !NUMBER.matcher(v.text()).matches()) {
            return null;
        }
        return new BigDecimal(v.text());
    }
}
