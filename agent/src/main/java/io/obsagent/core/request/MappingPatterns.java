package io.obsagent.core.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servlet mapping patterns of one web application, for containers whose requests cannot name the
 * pattern that selected them (Servlet 3.x has no {@code HttpServletMapping}). Asked only for a request
 * without path info, whose servlet path is then the whole path the container matched: the pattern is the
 * exact mapping equal to it, else the prefix mapping whose base it is ({@code /items/*} for {@code /items}),
 * else the extension mapping of its last segment ({@code *.do}), else none (the default servlet, {@code /}).
 * This is the container's own order (Servlet 3.1, §12.1), so the answer is the mapping that actually ran.
 */
public final class MappingPatterns {

    public static final MappingPatterns NONE = new MappingPatterns(new ArrayList<String>());

    private final Map<String, String> exactOrPrefixBase = new HashMap<String, String>();
    /**
     * Suffixes such as ".do" with their patterns ("*.do"); a handful at most, so a list is fastest. A suffix
     * without '/' or a second '.' lies in the last segment after its last dot, as the container requires.
     */
    private final List<String[]> extensions = new ArrayList<String[]>();

    private MappingPatterns(Collection<String> patterns) {
        for (String pattern : patterns) {
            if (pattern == null) {
                continue;
            }
            if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('.', 2) < 0
                    && pattern.indexOf('/') < 0) {
                extensions.add(new String[]{pattern.substring(1), pattern});
            } else if (pattern.endsWith("/*") && pattern.startsWith("/") && pattern.length() > 2) {
                exactOrPrefixBase.putIfAbsent(pattern.substring(0, pattern.length() - 2), pattern);
            } else if (pattern.startsWith("/") && !pattern.equals("/")) {
                exactOrPrefixBase.put(pattern, pattern);
            }
        }
    }

    public static MappingPatterns of(Collection<String> patterns) {
        return new MappingPatterns(patterns);
    }

    /** The pattern that mapped a request with this servlet path and no path info; {@code null} for the default servlet. */
    public String match(String servletPath) {
        if (servletPath == null || servletPath.isEmpty()) {
            return null;
        }
        String pattern = exactOrPrefixBase.get(servletPath);
        if (pattern != null) {
            return pattern;
        }
        for (int i = 0; i < extensions.size(); i++) {
            String[] extension = extensions.get(i);
            if (servletPath.endsWith(extension[0])) {
                return extension[1];
            }
        }
        return null;
    }
}
