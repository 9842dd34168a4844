package io.junction.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {
    private static final String SHA256 =
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    @Test
    void parsesAndNormalises() {
        Fingerprint f = Fingerprint.parse("  SHA-256   " + SHA256.toLowerCase() + " ");
        assertEquals("sha-256", f.algorithm());
        assertEquals(SHA256, f.value());
        assertEquals("sha-256 " + SHA256, f.toSdpValue());
        assertEquals(f, Fingerprint.parse(f.toSdpValue()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "",
        "sha-256",
        SHA256,
        "md5 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
        "sha-256 " + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",         // too short for sha-256
        "sha-256 " + SHA256 + ":00",                                             // too long
        "sha-256 " + "AB-CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
        "sha-256 " + "GB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
        "sha-256 " + "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
        "sha-256 " + SHA256 + " extra",
        "sha-1 " + SHA256,
    })
    void rejectsBadInputWithMessage(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(input));
        assertTrue(e.getMessage() != null && e.getMessage().contains("fingerprint"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sha-1,SHA-1", "sha-224,SHA-224", "sha-256,SHA-256", "sha-384,SHA-384", "sha-512,SHA-512"})
    void matchesEachHashFunction(String sdpName, String jdkName) throws Exception {
        byte[] der = DtlsCertificate.generate().derEncoded();
        Fingerprint f = Fingerprint.of(sdpName, der);
        assertEquals(MessageDigest.getInstance(jdkName).digest(der).length * 3 - 1, f.value().length());
        assertTrue(f.matches(der));
        assertTrue(Fingerprint.parse(f.toSdpValue().toLowerCase()).matches(der));
        der[der.length - 1] ^= 1;
        assertFalse(f.matches(der));
        assertFalse(f.matches(null));
    }

    @Test
    void certificateFingerprintIsSha256OfDer() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        assertEquals("sha-256", c.fingerprint().algorithm());
        assertTrue(c.fingerprint().matches(c.derEncoded()));
        assertFalse(c.fingerprint().equals(DtlsCertificate.generate().fingerprint()));
        java.security.cert.X509Certificate x = (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(c.derEncoded()));
        x.checkValidity();
        x.verify(x.getPublicKey());
        assertEquals("CN=Junction", x.getSubjectX500Principal().getName());
        assertEquals("EC", x.getPublicKey().getAlgorithm());
    }
}
