package com.example.testapp.tomcat9;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * An optional HTTPS connector, for tests of behaviour that depends on the request being secure. Enabled
 * by TLS_PORT, TLS_KEYSTORE (a PKCS12 file) and TLS_KEYSTORE_PASSWORD; the test makes the certificate.
 */
final class TlsConnector {

    private TlsConnector() {
    }

    /** The connector, or null when the environment does not ask for one. */
    static Connector fromEnvironment() {
        String port = System.getenv("TLS_PORT");
        String keystore = System.getenv("TLS_KEYSTORE");
        if (port == null || keystore == null) {
            return null;
        }
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(Integer.parseInt(port));
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig ssl = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.RSA);
        certificate.setCertificateKeystoreFile(keystore);
        certificate.setCertificateKeystorePassword(System.getenv("TLS_KEYSTORE_PASSWORD"));
        certificate.setCertificateKeystoreType("PKCS12");
        ssl.addCertificate(certificate);
        connector.addSslHostConfig(ssl);
        return connector;
    }
}
