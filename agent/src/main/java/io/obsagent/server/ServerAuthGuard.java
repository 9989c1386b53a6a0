package io.obsagent.server;

import io.obsagent.core.config.ServerAuth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks the {@code Authorization} header against {@code server.auth}. Both sides are hashed before
 * {@link MessageDigest#isEqual} compares them, so the time taken says nothing about the secret: not how
 * many leading bytes matched, nor (on Java 8, whose {@code isEqual} stops at a length mismatch) its length.
 */
final class ServerAuthGuard {

    private final ServerAuth.Scheme scheme;
    private final byte[] expected;

    ServerAuthGuard(ServerAuth auth) {
        this.scheme = auth == null ? ServerAuth.Scheme.NONE : auth.scheme();
        if (scheme == ServerAuth.Scheme.BASIC) {
            expected = sha256((auth.user() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8));
        } else if (scheme == ServerAuth.Scheme.BEARER) {
            expected = sha256(auth.secret().getBytes(StandardCharsets.UTF_8));
        } else {
            expected = null;
        }
    }

    /** True when no credentials are configured or the header carries exactly the configured ones. */
    boolean admits(String authorization) {
        if (scheme == ServerAuth.Scheme.NONE) {
            return true;
        }
        byte[] presented = scheme == ServerAuth.Scheme.BASIC ? basicCredentials(authorization)
                : credentials(authorization, "Bearer ");
        return presented != null && MessageDigest.isEqual(sha256(presented), expected);
    }

    /** The {@code WWW-Authenticate} value of a 401. */
    String challenge() {
        return scheme == ServerAuth.Scheme.BEARER ? "Bearer realm=\"obs-agent\""
                : "Basic realm=\"obs-agent\", charset=\"UTF-8\"";
    }

    /** The decoded {@code user:password} bytes of a basic header, or {@code null}. */
    private static byte[] basicCredentials(String authorization) {
        byte[] encoded = credentials(authorization, "Basic ");
        if (encoded == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** What follows the scheme (matched without regard to case), as UTF-8 bytes, or {@code null}. */
    private static byte[] credentials(String authorization, String schemePrefix) {
        if (authorization == null || !authorization.regionMatches(true, 0, schemePrefix, 0, schemePrefix.length())) {
            return null;
        }
        return authorization.substring(schemePrefix.length()).trim().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
