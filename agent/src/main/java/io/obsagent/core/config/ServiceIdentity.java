package io.obsagent.core.config;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Finds the service's name and version when the operator did not set them (agent/SPEC.md §1). */
public final class ServiceIdentity {

    static final String UNKNOWN_NAME = "unknown-service";
    static final String UNKNOWN_VERSION = "unknown";

    private ServiceIdentity() {
    }

    /**
     * {@code OTEL_SERVICE_NAME}; else, on an application server, its one webapp's name or the server's name;
     * else the main jar's file name without {@code .jar}; else {@code unknown-service}.
     */
    public static String name(Map<String, String> env, String javaCommand, Properties system) {
        String otel = env.get("OTEL_SERVICE_NAME");
        if (otel != null && !otel.trim().isEmpty()) {
            return otel.trim();
        }
        AppServer server = AppServer.detect(javaCommand, system);
        if (server != null) {
            return server.serviceName();
        }
        File jar = mainJar(javaCommand);
        if (jar != null) {
            String file = jar.getName();
            String name = file.substring(0, file.length() - ".jar".length());
            if (!name.isEmpty()) {
                return name;
            }
        }
        return UNKNOWN_NAME;
    }

    /**
     * On an application server its one webapp's (or else the server's) {@code Implementation-Version}; else the
     * main jar's; else {@code unknown}. Reads jars: keep it off the premain path.
     */
    public static String version(String javaCommand, Properties system) {
        AppServer server = AppServer.detect(javaCommand, system);
        if (server != null) {
            String version = server.serviceVersion();
            return version == null ? UNKNOWN_VERSION : version;
        }
        File jar = mainJar(javaCommand);
        if (jar == null || !jar.isFile()) {
            return UNKNOWN_VERSION;
        }
        try (JarFile file = new JarFile(jar, false)) {
            Manifest manifest = file.getManifest();
            String version = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version == null || version.trim().isEmpty() ? UNKNOWN_VERSION : version.trim();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN_VERSION;
        }
    }

    /** {@code sun.java.command} starts with the jar path when the JVM was started with {@code -jar}. */
    static File mainJar(String javaCommand) {
        if (javaCommand == null) {
            return null;
        }
        String command = javaCommand.trim();
        int space = command.indexOf(' ');
        String first = space < 0 ? command : command.substring(0, space);
        return first.toLowerCase().endsWith(".jar") ? new File(first) : null;
    }
}
