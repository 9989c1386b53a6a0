package io.obsagent.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The second JDK the suite also runs applications on. */
public final class Jdks {

    private Jdks() {
    }

    /** The JDK the apps run on: {@code it.java.home}, else the JDK that runs the tests. */
    public static Path defaultHome() {
        String configured = System.getProperty("it.java.home", "");
        return Path.of(configured.isBlank() ? System.getProperty("java.home") : configured);
    }

    /**
     * Java 25 from {@code it.java25.home} when it is installed, or {@code null}: also when the suite itself
     * runs on 25, or runs every app on one JDK chosen with {@code it.java.home}.
     */
    public static Path java25Home() {
        String configured = System.getProperty("it.java25.home", "");
        if (configured.isBlank() || Runtime.version().feature() == 25 || !System.getProperty("it.java.home", "").isBlank()) {
            return null;
        }
        Path home = Path.of(configured);
        return Files.isExecutable(home.resolve("bin/java")) ? home : null;
    }
}
