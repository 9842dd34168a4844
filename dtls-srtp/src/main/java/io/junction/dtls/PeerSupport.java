package io.junction.dtls;

import java.io.IOException;
import java.util.List;
import java.util.Vector;

import io.junction.srtp.SrtpKeyingMaterial;
import io.junction.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What the bctls client and server of one {@link DtlsTransport} share: the crypto, local
 * credentials, the expected peer fingerprint, the offered SRTP profiles, and the results written
 * by bctls callbacks on the handshake thread (read after the handshake returns).
 */
final class PeerSupport {
    /** ECDHE-ECDSA with AES-GCM only (DTLS 1.2). */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };
    static final SignatureAndHashAlgorithm ECDSA_SHA256 =
        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    final BcTlsCrypto crypto;
    final List<SrtpProfile> profiles;
    private final DtlsCertificate local;
    private final Fingerprint expectedRemote;

    volatile String failureReason;
    volatile SrtpKeyingMaterial keys;
    volatile SrtpProfile selected;
    volatile boolean closeNotifyReceived;

    PeerSupport(BcTlsCrypto crypto, DtlsCertificate local, Fingerprint expectedRemote, List<SrtpProfile> profiles) {
        this.crypto = crypto;
        this.local = local;
        this.expectedRemote = expectedRemote;
        this.profiles = List.copyOf(profiles);
    }

    TlsCredentialedSigner signerCredentials(TlsContext context) throws IOException {
        TlsCertificate cert = crypto.createCertificate(local.der());
        Certificate chain = new Certificate(new TlsCertificate[] {cert});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, local.privateKey(),
            chain, ECDSA_SHA256);
    }

    /** RFC 5763 §5: the peer's end-entity certificate must hash to the SDP fingerprint. */
    void verifyPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw fail(AlertDescription.bad_certificate, "peer sent no certificate");
        }
        byte[] der = peer.getCertificateAt(0).getEncoded();
        if (!expectedRemote.matches(der)) {
            throw fail(AlertDescription.bad_certificate, "fingerprint mismatch: expected " + expectedRemote
                + ", peer certificate has " + Fingerprint.of(expectedRemote.algorithm(), der));
        }
    }

    /** Exports keying material (RFC 5764 §4.2); only valid inside notifyHandshakeComplete. */
    void exportKeys(TlsContext context) throws IOException {
        SrtpProfile profile = selected;
        if (profile == null) {
            throw fail(AlertDescription.internal_error, "no SRTP profile negotiated");
        }
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
            profile.keyingMaterialLength());
        keys = SrtpKeyingMaterial.fromExporter(profile, material, !context.isServer());
    }

    TlsFatalAlert fail(short alert, String reason) {
        if (failureReason == null) {
            failureReason = reason;
        }
        return new TlsFatalAlert(alert, reason);
    }

    static Vector<SignatureAndHashAlgorithm> signatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> v = new Vector<>();
        v.add(ECDSA_SHA256);
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        return v;
    }

    void onAlertReceived(short level, short description) {
        if (description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }
}
