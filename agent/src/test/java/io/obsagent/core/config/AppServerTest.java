package io.obsagent.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

class AppServerTest {

    private static final String TOMCAT = "org.apache.catalina.startup.Bootstrap start";
    private static final String WILDFLY = "/opt/wildfly/jboss-modules.jar -mp /opt/wildfly/modules org.jboss.as.standalone";

    @TempDir
    Path base;

    @Test
    void tomcatWithOneWebappBesideTheStockOnesIsThatWebapp() throws IOException {
        stockTomcat();
        war(base.resolve("webapps/orders.war"), "<web-app><!-- <display-name>old</display-name> --><display-name> Order Service </display-name></web-app>", "3.2.1");
        Properties system = props("catalina.base", base.toString());
        assertThat(ServiceIdentity.name(java.util.Collections.emptyMap(), TOMCAT, system)).isEqualTo("Order Service");
        assertThat(ServiceIdentity.version(TOMCAT, system)).isEqualTo("3.2.1");
    }

    @Test
    void tomcatWithSeveralWebappsIsTheServerWithItsVersion() throws IOException {
        stockTomcat();
        war(base.resolve("webapps/app1.war"), null, null);
        Files.createDirectories(base.resolve("webapps/app2/WEB-INF"));
        Files.createDirectories(base.resolve("lib"));
        war(base.resolve("lib/catalina.jar"), null, "9.0.98");
        Properties system = props("catalina.base", base.toString());
        assertThat(ServiceIdentity.name(java.util.Collections.emptyMap(), TOMCAT, system)).isEqualTo("tomcat");
        assertThat(ServiceIdentity.version(TOMCAT, system)).isEqualTo("9.0.98");
    }

    @Test
    void wildflyIsItsOneDeploymentByContextNameAndNeverTheLauncherJar() throws IOException {
        Path deployments = Files.createDirectories(base.resolve("standalone/deployments"));
        war(deployments.resolve("app1.war"), null, null);
        Files.write(deployments.resolve("app1.war.deployed"), new byte[0]);
        Files.write(deployments.resolve("README.txt"), new byte[0]);
        Properties system = props("jboss.home.dir", base.toString());
        assertThat(ServiceIdentity.name(java.util.Collections.emptyMap(), WILDFLY, system)).isEqualTo("app1");
        assertThat(ServiceIdentity.version(WILDFLY, system)).isEqualTo("unknown");

        Files.delete(deployments.resolve("app1.war"));
        assertThat(ServiceIdentity.name(java.util.Collections.emptyMap(), WILDFLY, system)).isEqualTo("wildfly");
    }

    private void stockTomcat() throws IOException {
        for (String stock : new String[]{"docs", "examples", "manager", "host-manager", "ROOT"}) {
            Files.createDirectories(base.resolve("webapps/" + stock + "/WEB-INF"));
        }
        Files.write(base.resolve("webapps/ROOT/RELEASE-NOTES.txt"), new byte[0]);
    }

    private static void war(Path file, String webXml, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            if (webXml != null) {
                jar.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
                jar.write(webXml.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
