package io.obsagent.instrumentation.logging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * The nested jar holding the code that links against the application's logging libraries (the agent's encoder for
 * Logback, its layout for Log4j 2) and logstash-logback-encoder with its Jackson, relocated (see the agent's pom).
 * It is copied out of the agent jar once, on first use, into a temporary file the JVM deletes at exit: a class
 * loader needs a real file, and only applications that turn app_logs.json on with Logback or Log4j 2 pay for it.
 */
final class EncoderJar {

    static final String RESOURCE = "META-INF/obs-agent/applogs-logstash.jar";

    private URL extracted;

    synchronized URL url() throws IOException {
        if (extracted == null) {
            File file = File.createTempFile("obs-agent-applogs", ".jar");
            file.deleteOnExit();
            try (InputStream in = EncoderJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException(RESOURCE + " is missing from the agent jar");
                }
                Files.copy(in, file.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
            extracted = file.toURI().toURL();
        }
        return extracted;
    }
}
