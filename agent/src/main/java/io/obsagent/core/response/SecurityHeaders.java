package io.obsagent.core.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard security headers added to application responses when {@code security_headers.enabled}
 * is on. Each can be overridden or dropped ({@code off}) by {@code security_headers.<header-name>}. The
 * header arrays are built once, so a request only copies references.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";
    static final String OFF = "off";

    private static final String[][] DEFAULTS = {
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "DENY"},
            {"Referrer-Policy", "no-referrer"},
            {CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"},
            {STRICT_TRANSPORT_SECURITY, "max-age=31536000"},
    };

    private final String[] plain;
    private final String[] secure;
    private final String contentSecurityPolicy;
    private final boolean trustForwarded;

    /**
     * @param overrides {@code security_headers.*} keys without the prefix (lower-case header names, plus
     *                  {@code enabled} and {@code trust_forwarded}, which are ignored here) to their values
     */
    public SecurityHeaders(Map<String, String> overrides, boolean trustForwarded) {
        Map<String, String> byName = new LinkedHashMap<String, String>();
        for (String[] header : DEFAULTS) {
            String override = overrides.get(header[0].toLowerCase(Locale.ROOT));
            byName.put(header[0], override == null ? header[1] : override.trim());
        }
        this.contentSecurityPolicy = valueOrNull(byName.remove(CONTENT_SECURITY_POLICY));
        String hsts = valueOrNull(byName.remove(STRICT_TRANSPORT_SECURITY));
        this.plain = flatten(byName, null, null);
        this.secure = flatten(byName, STRICT_TRANSPORT_SECURITY, hsts);
        this.trustForwarded = trustForwarded;
    }

    /**
     * Name/value pairs, flattened, for a response to this request. HSTS only over HTTPS: directly, or as
     * declared by {@code X-Forwarded-Proto} when the operator trusts the proxy in front.
     */
    public String[] forRequest(boolean isSecure, String forwardedProto) {
        boolean https = isSecure || (trustForwarded && "https".equalsIgnoreCase(forwardedProto == null ? null : forwardedProto.trim()));
        return https ? secure : plain;
    }

    /** The CSP value for a response of this content type: JSON responses only. */
    public String contentSecurityPolicyFor(String contentType) {
        return contentSecurityPolicy != null && isJson(contentType) ? contentSecurityPolicy : null;
    }

    /** The agent's value of a header, to tell it apart from one the application added as well. */
    public boolean isAgentValue(String name, String value) {
        for (String[] header : new String[][]{plain, secure}) {
            for (int i = 0; i < header.length; i += 2) {
                if (header[i].equalsIgnoreCase(name) && header[i + 1].equals(value)) {
                    return true;
                }
            }
        }
        return contentSecurityPolicy != null && CONTENT_SECURITY_POLICY.equalsIgnoreCase(name)
                && contentSecurityPolicy.equals(value);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String valueOrNull(String value) {
        return value == null || value.isEmpty() || value.equalsIgnoreCase(OFF) ? null : value;
    }

    private static String[] flatten(Map<String, String> headers, String extraName, String extraValue) {
        List<String> flat = new ArrayList<String>();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (valueOrNull(e.getValue()) != null) {
                flat.add(e.getKey());
                flat.add(e.getValue());
            }
        }
        if (extraName != null && extraValue != null) {
            flat.add(extraName);
            flat.add(extraValue);
        }
        return flat.toArray(new String[0]);
    }
}
