package io.obsagent.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A runnable jar the suite starts as a process.
 *
 * @param name      short name, used in log file names and messages
 * @param path      absolute path of the jar
 * @param readyPath an application path that answers 200 once the app serves requests
 */
public record AppJar(String name, Path path, String readyPath) {

    /** The jar, or a failure that names the missing file and how to build it. */
    Path requireBuilt() {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("The " + name + " jar is missing: " + path
                    + ". Build it first (mvn -B package from the repository root).");
        }
        return path;
    }

    @Override
    public String toString() {
        return name;
    }
}
