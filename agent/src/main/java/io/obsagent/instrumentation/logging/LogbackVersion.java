package io.obsagent.instrumentation.logging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

/**
 * The version of the application's Logback, from logback-core's Maven metadata. Manifests are no help: in a
 * fat jar the manifest (and so {@code Package.getImplementationVersion()}) names the application, not Logback.
 */
final class LogbackVersion {

    static final String POM_PROPERTIES = "META-INF/maven/ch.qos.logback/logback-core/pom.properties";

    private LogbackVersion() {
    }

    /** The version, or {@code null} when the metadata was stripped (the probe in the encoder then decides). */
    static String of(ClassLoader loader) {
        URL resource = loader == null ? ClassLoader.getSystemResource(POM_PROPERTIES) : loader.getResource(POM_PROPERTIES);
        if (resource == null) {
            return null;
        }
        try (InputStream in = resource.openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True for {@code major.minor} or later; an unparsable version is given the benefit of the doubt. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.trim().split("[.-]");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || actualMajor == major && actualMinor >= minor;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
