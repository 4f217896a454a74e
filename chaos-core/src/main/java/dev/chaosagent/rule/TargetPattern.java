package dev.chaosagent.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled {@code target}: {@code CLASS[+]#METHOD[(PARAMS)]}.
 *
 * <p>In the class part {@code *} matches within one name segment (no {@code .}) and {@code **}
 * across segments; a trailing {@code +} also matches every subtype. In the method part {@code *}
 * matches any run of characters. Parameters are optional: absent or {@code (..)} matches any list,
 * {@code ()} only none, otherwise each type must match exactly (a type without a package, such as
 * {@code String}, also matches by simple name). Everything is answered from names, so no class is
 * loaded to match.
 */
public final class TargetPattern {

    /** Classes whose instrumentation would harm the JVM or the agent itself. */
    private static final Set<String> FORBIDDEN_CLASSES = Set.of(
            "java.lang.Object", "java.lang.Thread", "java.lang.Class", "java.lang.ClassLoader",
            "java.lang.System", "java.lang.Runtime", "java.lang.ThreadLocal",
            "java.util.concurrent.locks.LockSupport", "java.lang.instrument.Instrumentation");
    /**
     * The JVM's machinery (reflection, class loading, unsafe memory, agents) and the agent itself.
     * JDK implementation packages that applications use through public types (such as
     * {@code jdk.internal.net.http} behind {@code HttpClient}, {@code sun.nio.ch} behind socket
     * channels) stay reachable.
     */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "dev.chaosagent.", "net.bytebuddy.", "java.lang.invoke.", "java.lang.ref.", "java.lang.reflect.",
            "jdk.internal.misc.", "jdk.internal.reflect.", "jdk.internal.loader.", "jdk.internal.access.",
            "jdk.internal.vm.", "jdk.internal.module.", "jdk.internal.ref.", "jdk.internal.org.", "jdk.internal.event.",
            "sun.misc.", "sun.reflect.", "sun.instrument.", "sun.invoke.", "sun.launcher.", "com.sun.tools.attach.",
            // How the weaver reads a JDK class file: a jrt: URL, its handler and the runtime image.
            "sun.net.www.protocol.jrt.", "jdk.internal.jrtfs.", "jdk.internal.jimage.");

    /** The project's example application lives under the agent's namespace but is application code. */
    private static final String EXAMPLES = "dev.chaosagent.examples.";
    private static final Pattern CLASS_SYNTAX = Pattern.compile("[A-Za-z0-9_$*]+(\\.[A-Za-z0-9_$*]+)*");
    private static final Pattern METHOD_SYNTAX = Pattern.compile("[A-Za-z_$*][A-Za-z0-9_$*]*");
    private static final Pattern TYPE_SYNTAX = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\[])*");
    private static final String KEY = "target";
    private static final String EXAMPLE = "(expected CLASS#METHOD, like com.acme.*Client#fetch*, java.sql.Statement+#execute*"
            + " or java.net.Socket#connect(java.net.SocketAddress,int))";

    private final String text;
    private final String className; // null when the class part has wildcards
    private final String classPrefix; // the literal start of the class part: most names fail here, before the regex
    private final Pattern classPattern;
    private final boolean subtypes;
    private final Pattern methodPattern;
    private final List<String> parameters; // null: any parameter list

    private TargetPattern(String text, String className, Pattern classPattern, boolean subtypes, Pattern methodPattern,
                          List<String> parameters) {
        this.text = text;
        this.className = className;
        this.classPrefix = className != null ? className : text.substring(0, text.indexOf('*'));
        this.classPattern = classPattern;
        this.subtypes = subtypes;
        this.methodPattern = methodPattern;
        this.parameters = parameters;
    }

    public static TargetPattern parse(String text) {
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash <= 0 || hash == t.length() - 1 || t.indexOf('#', hash + 1) >= 0) {
            throw new InvalidRuleException(KEY, text, "has no single CLASS#METHOD " + EXAMPLE);
        }
        String classPart = t.substring(0, hash);
        String methodPart = t.substring(hash + 1);

        boolean subtypes = classPart.endsWith("+");
        if (subtypes) {
            classPart = classPart.substring(0, classPart.length() - 1);
        }
        if (!CLASS_SYNTAX.matcher(classPart).matches()) {
            throw new InvalidRuleException(KEY, text, "has a class part that no class name can match " + EXAMPLE);
        }
        if (classPart.replace("*", "").replace(".", "").isEmpty()) {
            throw new InvalidRuleException(KEY, text, "matches every class (expected at least one literal name part, like com.acme.**)");
        }
        refuseForbidden(text, classPart);

        List<String> parameters = null;
        int paren = methodPart.indexOf('(');
        if (paren >= 0) {
            if (!methodPart.endsWith(")")) {
                throw new InvalidRuleException(KEY, text, "has an unclosed parameter list " + EXAMPLE);
            }
            parameters = parseParameters(text, methodPart.substring(paren + 1, methodPart.length() - 1));
            methodPart = methodPart.substring(0, paren);
        }
        if (!METHOD_SYNTAX.matcher(methodPart).matches()) {
            throw new InvalidRuleException(KEY, text, "has a method part that no method name can match " + EXAMPLE);
        }
        return new TargetPattern(t, classPart.indexOf('*') >= 0 ? null : classPart, Pattern.compile(classRegex(classPart)), subtypes,
                Pattern.compile(methodPart.replace("$", "\\$").replace("*", ".*")), parameters);
    }

    private static void refuseForbidden(String text, String classPart) {
        boolean wildcard = classPart.indexOf('*') >= 0;
        if (!wildcard && FORBIDDEN_CLASSES.contains(classPart)) {
            throw new InvalidRuleException(KEY, text, "is a forbidden target (" + classPart
                    + " is used by the JVM and the agent everywhere; expected an application or library class)");
        }
        for (String pkg : FORBIDDEN_PACKAGES) {
            if ((classPart + ".").startsWith(pkg) && !(classPart + ".").startsWith(EXAMPLES)) {
                throw new InvalidRuleException(KEY, text, "is a forbidden target (" + pkg
                        + "* belongs to the JVM's internals or to the agent; expected an application or library class)");
            }
        }
    }

    /** True for classes the agent never instruments, whatever a wildcard pattern says. */
    public static boolean isForbiddenClass(String className) {
        if (FORBIDDEN_CLASSES.contains(className)) {
            return true;
        }
        if (className.startsWith(EXAMPLES)) {
            return false;
        }
        for (String pkg : FORBIDDEN_PACKAGES) {
            if (className.startsWith(pkg)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> parseParameters(String text, String list) {
        String trimmed = list.trim();
        if (trimmed.equals("..")) {
            return null;
        }
        List<String> result = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return result;
        }
        for (String raw : trimmed.split(",", -1)) {
            String type = raw.trim().replace("...", "[]");
            if (!TYPE_SYNTAX.matcher(type).matches()) {
                throw new InvalidRuleException(KEY, text, "has a parameter type \"" + raw.trim()
                        + "\" that is not a type name (expected like int, java.lang.String, byte[] or (..) for any)");
            }
            result.add(type);
        }
        return List.copyOf(result);
    }

    private static String classRegex(String classPart) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < classPart.length(); i++) {
            char c = classPart.charAt(i);
            if (c == '*') {
                boolean across = i + 1 < classPart.length() && classPart.charAt(i + 1) == '*';
                regex.append(across ? ".*" : "[^.]*");
                if (across) {
                    i++;
                }
            } else if (c == '.' || c == '$') {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return regex.toString();
    }

    /** The class the target names when it names exactly one (no wildcard), else null. */
    public String className() {
        return className;
    }

    /** True when subtypes of the named classes match too ({@code CLASS+}). */
    public boolean includesSubtypes() {
        return subtypes;
    }

    /** Whether a class of this name matches by its own name (for {@code CLASS+}, the named type itself). */
    public boolean matchesClassName(String className) {
        return matchesName(className) && !isForbiddenClass(className);
    }

    /** Whether a class matches, given the names of all its supertypes (superclasses and interfaces). */
    public boolean matchesType(String className, Iterable<String> supertypeNames) {
        if (matchesName(className)) {
            return !isForbiddenClass(className);
        }
        if (subtypes) {
            for (String supertype : supertypeNames) {
                if (matchesName(supertype)) {
                    return !isForbiddenClass(className);
                }
            }
        }
        return false;
    }

    /** Asked for every class that loads while rules exist: a string comparison for most. */
    private boolean matchesName(String name) {
        if (className != null) {
            return className.equals(name);
        }
        return name.startsWith(classPrefix) && classPattern.matcher(name).matches();
    }

    /** Whether a method of a matching class matches, by name and parameter type names ({@code int}, {@code byte[]}). */
    public boolean matchesMethod(String methodName, List<String> parameterTypes) {
        if (!methodPattern.matcher(methodName).matches()) {
            return false;
        }
        if (parameters == null) {
            return true;
        }
        if (parameters.size() != parameterTypes.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            String wanted = parameters.get(i);
            String actual = parameterTypes.get(i);
            boolean simpleName = wanted.indexOf('.') < 0;
            if (!actual.equals(wanted) && !(simpleName && actual.endsWith("." + wanted))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
