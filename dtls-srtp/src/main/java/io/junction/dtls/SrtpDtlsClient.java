package io.junction.dtls;

import java.io.IOException;
import java.util.Hashtable;

import io.junction.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** bctls client side of DTLS-SRTP: offers use_srtp and authenticates with the local certificate. */
final class SrtpDtlsClient extends DefaultTlsClient {
    private final PeerSupport support;

    SrtpDtlsClient(PeerSupport support) {
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions,
            new UseSRTPData(SrtpNegotiation.ids(support.profiles), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (answer == null) {
            throw support.fail(AlertDescription.handshake_failure, "server did not answer use_srtp");
        }
        SrtpProfile chosen = SrtpNegotiation.accept(support.profiles, answer.getProtectionProfiles());
        if (chosen == null || answer.getMki().length != 0) {
            throw support.fail(AlertDescription.illegal_parameter, "server chose an SRTP profile or MKI we did not offer");
        }
        support.selected = chosen;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                support.verifyPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return support.signerCredentials(context);
            }
        };
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
