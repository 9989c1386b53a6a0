package io.obsagent.core.metrics.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The methods a rule watches: {@code com.example.tasks.TaskService#create}, a name with {@code *} wildcards
 * ({@code #find*}), and optionally the parameter types ({@code #save(com.example.tasks.Task)}, {@code #get(long)}).
 * The type is a binary class name (nested types with {@code $}); it matches that type and every subclass or
 * implementation. A parameter type written without a package ({@code String}, {@code long}) matches by simple name.
 */
public final class MethodPattern {

    private final String text;
    private final String typeName;
    private final String methodName;
    private final List<String> parameterTypes;

    private MethodPattern(String text, String typeName, String methodName, List<String> parameterTypes) {
        this.text = text;
        this.typeName = typeName;
        this.methodName = methodName;
        this.parameterTypes = parameterTypes;
    }

    /** Parses a pattern; throws {@link IllegalArgumentException} saying what is wrong, in words for an operator. */
    public static MethodPattern parse(String text) {
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("expected Type#method, e.g. com.example.tasks.TaskService#create");
        }
        String type = t.substring(0, hash).trim();
        if (!isQualifiedName(type)) {
            throw new IllegalArgumentException("'" + type + "' is not a fully qualified class name"
                    + (type.indexOf('*') >= 0 ? " (wildcards are allowed in the method name only)" : ""));
        }
        String rest = t.substring(hash + 1).trim();
        int open = rest.indexOf('(');
        String method = (open < 0 ? rest : rest.substring(0, open)).trim();
        if (!isMethodName(method)) {
            throw new IllegalArgumentException("'" + method + "' is not a method name (letters, digits, _, $ and * only)");
        }
        List<String> parameters = open < 0 ? null : parameters(rest.substring(open));
        return new MethodPattern(t, type, method, parameters);
    }

    public String typeName() {
        return typeName;
    }

    /** The type as it is written inside class files ({@code com/example/tasks/TaskService}). */
    public String internalTypeName() {
        return typeName.replace('.', '/');
    }

    public boolean matchesName(String name) {
        return Wildcards.matches(methodName, name);
    }

    /** True when no parameter list was given, or when {@code typeNames} (as {@code java.lang.String[]}, {@code long}) match it. */
    public boolean matchesParameters(List<String> typeNames) {
        if (parameterTypes == null) {
            return true;
        }
        if (parameterTypes.size() != typeNames.size()) {
            return false;
        }
        for (int i = 0; i < parameterTypes.size(); i++) {
            String expected = parameterTypes.get(i);
            String actual = typeNames.get(i);
            String compared = expected.indexOf('.') >= 0 ? actual : actual.substring(actual.lastIndexOf('.') + 1);
            if (!expected.equals(compared)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> parameters(String list) {
        if (!list.endsWith(")") || list.indexOf('(', 1) >= 0 || list.indexOf(')') != list.length() - 1) {
            throw new IllegalArgumentException("expected the parameter types in one pair of parentheses: #save(com.example.Task)");
        }
        String inside = list.substring(1, list.length() - 1).trim();
        if (inside.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> types = new ArrayList<String>();
        for (String piece : inside.split(",", -1)) {
            String type = piece.trim().replace("...", "[]");
            String element = type;
            while (element.endsWith("[]")) {
                element = element.substring(0, element.length() - 2).trim();
            }
            if (!isQualifiedName(element)) {
                throw new IllegalArgumentException("'" + piece.trim() + "' is not a parameter type");
            }
            types.add(type.replace(" ", ""));
        }
        return Collections.unmodifiableList(types);
    }

    private static boolean isQualifiedName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (String part : name.split("\\.")) {
            if (!Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isMethodName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '*' || (i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
