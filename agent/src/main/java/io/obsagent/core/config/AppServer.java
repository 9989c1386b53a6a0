package io.obsagent.core.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A standalone application server this JVM runs (Tomcat, WildFly/JBoss EAP, a Jetty distribution), known by
 * its launcher, and the webapps in its deployment directory. Its launcher jar ({@code jboss-modules.jar},
 * {@code start.jar}) names the launcher, never the service.
 */
final class AppServer {

    /** What stock Tomcat distributions ship in {@code webapps}; the ROOT among them is Tomcat's welcome page. */
    private static final List<String> TOMCAT_STOCK = Arrays.asList("docs", "examples", "host-manager", "manager");
    private static final Pattern DISPLAY_NAME = Pattern.compile("<display-name>\\s*([^<]+?)\\s*</display-name>");

    private final String name;
    private final File deployments;
    private final File serverJar;

    private AppServer(String name, File deployments, File serverJar) {
        this.name = name;
        this.deployments = deployments;
        this.serverJar = serverJar;
    }

    /** The server this command line launches, or {@code null} for any other JVM. */
    static AppServer detect(String javaCommand, Properties system) {
        String command = javaCommand == null ? "" : javaCommand.trim();
        if (command.startsWith("org.apache.catalina.startup.Bootstrap")) {
            String base = system.getProperty("catalina.base", "");
            String home = system.getProperty("catalina.home", base);
            return new AppServer("tomcat", new File(base, "webapps"), new File(home, "lib/catalina.jar"));
        }
        if (command.contains("jboss-modules.jar")) {
            String base = system.getProperty("jboss.server.base.dir",
                    new File(system.getProperty("jboss.home.dir", ""), "standalone").getPath());
            return new AppServer("wildfly", new File(base, "deployments"), null);
        }
        if (command.startsWith("org.eclipse.jetty.start.Main") || command.endsWith("start.jar")
                || command.contains("start.jar ")) {
            String base = system.getProperty("jetty.base", system.getProperty("user.dir", ""));
            return new AppServer("jetty", new File(base, "webapps"), null);
        }
        return null;
    }

    /** One webapp: its display name, else its context name. Several or none: the server's name. */
    String serviceName() {
        List<File> webapps = webapps();
        if (webapps.size() != 1) {
            return name;
        }
        String displayName = displayName(webapps.get(0));
        return displayName != null ? displayName : contextName(webapps.get(0));
    }

    /** One webapp: its manifest's version. Otherwise the server's own, where it says. */
    String serviceVersion() {
        List<File> webapps = webapps();
        File source = webapps.size() == 1 ? webapps.get(0) : serverJar;
        return source == null ? null : implementationVersion(source);
    }

    /** WARs and exploded WAR directories, without the stock Tomcat applications and deployment markers. */
    List<File> webapps() {
        List<File> webapps = new ArrayList<File>();
        File[] files = deployments.listFiles();
        if (files == null) {
            return webapps;
        }
        for (File f : files) {
            String file = f.getName();
            boolean war = file.endsWith(".war") || (f.isDirectory() && new File(f, "WEB-INF").isDirectory());
            boolean stock = TOMCAT_STOCK.contains(file) || (file.equals("ROOT") && new File(f, "RELEASE-NOTES.txt").isFile());
            if (war && !stock && !(f.isDirectory() && new File(deployments, file + ".war").isFile())) {
                webapps.add(f);
            }
        }
        return webapps;
    }

    private static String contextName(File webapp) {
        String file = webapp.getName();
        return file.endsWith(".war") ? file.substring(0, file.length() - ".war".length()) : file;
    }

    private static String displayName(File webapp) {
        byte[] webXml = read(webapp, "WEB-INF/web.xml");
        if (webXml == null) {
            return null;
        }
        Matcher m = DISPLAY_NAME.matcher(new String(webXml, StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", ""));
        return m.find() ? m.group(1) : null;
    }

    private static String implementationVersion(File jarOrDir) {
        byte[] manifest = read(jarOrDir, JarFile.MANIFEST_NAME);
        if (manifest == null) {
            return null;
        }
        try {
            String version = new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version == null || version.trim().isEmpty() ? null : version.trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** A small entry of a WAR/jar or an exploded directory; {@code null} when it is missing or unreadable. */
    private static byte[] read(File jarOrDir, String entry) {
        try {
            if (jarOrDir.isDirectory()) {
                File file = new File(jarOrDir, entry);
                return file.isFile() ? Files.readAllBytes(file.toPath()) : null;
            }
            try (ZipFile zip = new ZipFile(jarOrDir)) {
                ZipEntry e = zip.getEntry(entry);
                if (e == null) {
                    return null;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    return readAll(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
