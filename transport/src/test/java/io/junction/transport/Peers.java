package io.junction.transport;

import io.junction.dtls.DtlsCertificate;
import io.junction.dtls.DtlsRole;
import io.junction.ice.IcePort;
import io.junction.srtp.SrtpProfile;
import io.junction.srtp.SrtpSession;
import io.junction.transport.client.ClientPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/** Test helpers: a server MediaTransport and a ClientPeer wired through in-memory signalling. */
final class Peers {
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();

    /** Records callbacks; copies media. */
    static class Recorder implements MediaTransport.Listener {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final LinkedBlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

        @Override
        public void onConnected() {
            connected.complete(null);
        }

        @Override
        public void onFailed(String reason) {
            failed.complete(reason);
        }

        @Override
        public void onClosed() {
            closed.complete(null);
        }

        @Override
        public void onRtp(byte[] b, int off, int len) {
            rtp.add(copy(b, off, len));
        }

        @Override
        public void onRtcp(byte[] b, int off, int len) {
            rtcp.add(copy(b, off, len));
        }
    }

    /** Server listener that echoes every RTP/RTCP packet back on the same transport. */
    static final class Echo extends Recorder {
        volatile MediaTransport transport;

        @Override
        public void onRtp(byte[] b, int off, int len) {
            super.onRtp(b, off, len);
            byte[] c = withTailroom(b, off, len);
            transport.sendRtp(c, 0, len);
        }

        @Override
        public void onRtcp(byte[] b, int off, int len) {
            super.onRtcp(b, off, len);
            byte[] c = withTailroom(b, off, len);
            transport.sendRtcp(c, 0, len);
        }
    }

    record Pair(MediaTransport server, Echo serverEvents, ClientPeer client, Recorder clientEvents) {
        void close() {
            client.close();
            server.close();
        }
    }

    /** Creates both ends, exchanges credentials/candidates/fingerprints and starts both. */
    static Pair connect(IcePort port, ExecutorService hs, List<SrtpProfile> profiles,
                        io.junction.dtls.Fingerprint fingerprintTheClientExpects) {
        Recorder ce = new Recorder();
        ClientPeer client = new ClientPeer("127.0.0.1", DtlsCertificate.generate(), DtlsRole.CLIENT, hs,
                Duration.ofSeconds(10), profiles, ce);
        Echo se = new Echo();
        MediaTransport server = new MediaTransport(port::createServerTransport, SERVER_CERT,
                hs, Duration.ofSeconds(10), profiles, se);
        se.transport = server;
        server.ice().setRemoteCredentials(client.localCredentials());
        client.localCandidates().forEach(server.ice()::addRemoteCandidate);
        server.start(client.localFingerprint(), DtlsRole.SERVER);
        client.connect(server.ice().localCredentials(), server.ice().localCandidates(),
                fingerprintTheClientExpects == null ? SERVER_CERT.fingerprint() : fingerprintTheClientExpects);
        return new Pair(server, se, client, ce);
    }

    static byte[] rtp(int seq, long ssrc, int payloadByte) {
        byte[] p = new byte[12 + 20 + SrtpSession.MAX_TRAILER];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = (byte) seq; // timestamp low byte
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        java.util.Arrays.fill(p, 12, 32, (byte) payloadByte);
        return p;
    }

    static final int RTP_LEN = 32;

    /** An RTCP receiver report with no blocks (RFC 3550 §6.4.2), 8 bytes. */
    static byte[] rtcpRr(long ssrc) {
        byte[] p = new byte[8 + SrtpSession.MAX_TRAILER];
        p[0] = (byte) 0x80;
        p[1] = (byte) 201;
        p[3] = 1;
        p[4] = (byte) (ssrc >> 24);
        p[5] = (byte) (ssrc >> 16);
        p[6] = (byte) (ssrc >> 8);
        p[7] = (byte) ssrc;
        return p;
    }

    static int seq(byte[] p) {
        return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
    }

    static long ssrc(byte[] p) {
        return ((p[8] & 0xFFL) << 24) | ((p[9] & 0xFFL) << 16) | ((p[10] & 0xFFL) << 8) | (p[11] & 0xFFL);
    }

    static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }

    static byte[] withTailroom(byte[] b, int off, int len) {
        byte[] c = new byte[len + SrtpSession.MAX_TRAILER];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }

    private Peers() {
    }
}
