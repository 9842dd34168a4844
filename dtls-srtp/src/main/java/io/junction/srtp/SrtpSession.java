package io.junction.srtp;

import java.util.Objects;

/**
 * SRTP and SRTCP protection for one DTLS-SRTP association (RFC 3711, RFC 7714): encryption in
 * place over {@code byte[] + offset + length}, with per-SSRC crypto contexts created lazily.
 *
 * <p>Threading: the protect methods may run on one thread and the unprotect methods on another
 * concurrently; each direction must stay single-threaded. See the package documentation.
 *
 * <p>Results: the new length (&ge; 0) or one of the negative codes {@link #AUTH_FAILED},
 * {@link #REPLAYED}, {@link #INVALID}, {@link #SSRC_LIMIT}. No exception escapes for bad packets.
 */
public final class SrtpSession implements AutoCloseable {
    /** Tailroom protect needs after the packet: a 16-byte tag plus the 4-byte SRTCP index. */
    public static final int MAX_TRAILER = 16 + 4;
    /** The authentication tag did not verify (the packet is left unmodified or partially shrunk). */
    public static final int AUTH_FAILED = -1;
    /** Replayed, or older than the 64-packet replay window (RFC 3711 §3.3.2). */
    public static final int REPLAYED = -2;
    /** Malformed, too short, bad bounds, insufficient tailroom, or the session is closed. */
    public static final int INVALID = -3;
    /** A new SSRC arrived while the direction already had {@link #DEFAULT_MAX_SSRCS} contexts. */
    public static final int SSRC_LIMIT = -4;
    /** Default bound on SSRCs per direction and per protocol (RTP, RTCP). */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private final SrtpProfile profile;
    private final SrtpSender sender;
    private final SrtpReceiver receiver;
    private volatile boolean closed;

    /** A session with at most {@link #DEFAULT_MAX_SSRCS} SSRCs per direction. */
    public SrtpSession(SrtpKeyingMaterial keys) {
        this(keys, DEFAULT_MAX_SSRCS);
    }

    /**
     * @param maxSsrcs bound on crypto contexts per direction and protocol, 1..4096
     */
    public SrtpSession(SrtpKeyingMaterial keys, int maxSsrcs) {
        Objects.requireNonNull(keys, "keys");
        if (maxSsrcs < 1 || maxSsrcs > 4096) {
            throw new IllegalArgumentException("maxSsrcs must be in 1..4096, got " + maxSsrcs);
        }
        this.profile = keys.profile();
        this.sender = new SrtpSender(keys, maxSsrcs);
        this.receiver = new SrtpReceiver(keys, maxSsrcs);
    }

    /** The negotiated profile. */
    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet in place; needs {@link SrtpProfile#rtpTrailerLength()} tailroom. */
    public int protectRtp(byte[] buf, int off, int len) {
        return closed ? sender.rejectClosed() : sender.protectRtp(buf, off, len);
    }

    /** Verifies and decrypts an SRTP packet in place. */
    public int unprotectRtp(byte[] buf, int off, int len) {
        return closed ? receiver.rejectClosed() : receiver.unprotectRtp(buf, off, len);
    }

    /** Encrypts and authenticates an RTCP compound packet in place; needs {@link SrtpProfile#rtcpTrailerLength()} tailroom. */
    public int protectRtcp(byte[] buf, int off, int len) {
        return closed ? sender.rejectClosed() : sender.protectRtcp(buf, off, len);
    }

    /** Verifies and decrypts an SRTCP packet in place. */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        return closed ? receiver.rejectClosed() : receiver.unprotectRtcp(buf, off, len);
    }

    /** A snapshot of the counters of both directions. */
    public SrtpStats stats() {
        return new SrtpStats(sender.protectedPackets, receiver.unprotectedPackets, receiver.authFailures,
            receiver.replays, sender.invalid + receiver.invalid, sender.ssrcLimitDrops + receiver.ssrcLimitDrops);
    }

    /**
     * Creates and discards one context of each profile so that jitsi-srtp's one-time cipher
     * backend probing (about a second) happens at server start, not on the first call.
     */
    public static void warmUp() {
        for (SrtpProfile p : SrtpProfile.values()) {
            byte[] key = new byte[p.masterKeyLength()];
            byte[] salt = new byte[p.masterSaltLength()];
            try (SrtpSession s = new SrtpSession(new SrtpKeyingMaterial(p, key, salt, key, salt), 1)) {
                byte[] pkt = new byte[12 + 16 + MAX_TRAILER];
                pkt[0] = (byte) 0x80;
                s.protectRtp(pkt, 0, 28);
            }
        }
    }

    /**
     * Zeroes the master keys and drops all contexts. Later calls return {@link #INVALID}.
     * Call it after both directions have stopped.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sender.close();
            receiver.close();
        }
    }
}
