package io.junction.dtls;

import java.io.IOException;
import java.util.Hashtable;

import io.junction.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** bctls server side of DTLS-SRTP: requests the client certificate and picks the SRTP profile. */
final class SrtpDtlsServer extends DefaultTlsServer {
    private final PeerSupport support;

    SrtpDtlsServer(PeerSupport support) {
        super(support.crypto);
        this.support = support;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), PeerSupport.CIPHER_SUITES);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return support.signerCredentials(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, PeerSupport.signatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        support.verifyPeer(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw support.fail(AlertDescription.handshake_failure, "peer did not offer use_srtp");
        }
        SrtpProfile chosen = SrtpNegotiation.select(support.profiles, offered.getProtectionProfiles());
        if (chosen == null) {
            throw support.fail(AlertDescription.handshake_failure, "no common SRTP protection profile");
        }
        support.selected = chosen;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions,
            new UseSRTPData(new int[] {support.selected.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        support.exportKeys(context);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        support.onAlertReceived(alertLevel, alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        // Reported through DtlsListener by DtlsTransport.
    }
}
