package io.camelonenet.connection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * An {@link SSLContext} that trusts exactly the CA certificates of a PEM file: OneNET's MQTTS CA is self-signed and in
 * no default trust store. Hostname verification stays on (see {@link DeviceConnection}).
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    /**
     * @param pem    one or more PEM (or DER) certificates
     * @param origin where they came from, for error messages
     */
    public static SSLContext trusting(InputStream pem, String origin) {
        try {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(origin + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(origin + " is not a PEM certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from " + origin + ": " + e.getMessage(), e);
        }
    }
}
