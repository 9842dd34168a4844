package io.junction.srtp;

import java.security.GeneralSecurityException;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * The unprotect direction of an {@link SrtpSession}: one thread at a time. A context for a new
 * SSRC is kept only once a packet under it authenticates, so forged packets cannot fill the table.
 */
final class SrtpReceiver {
    private final SrtpProfile profile;
    private final SrtpContextFactory factory;
    private final SsrcTable<SrtpCryptoContext> rtp;
    private final SsrcTable<SrtcpCryptoContext> rtcp;
    private final MutablePacketView view = new MutablePacketView();

    // Single writer (the unprotect thread); volatile so stats() may read from anywhere.
    volatile long unprotectedPackets;
    volatile long authFailures;
    volatile long replays;
    volatile long invalid;
    volatile long ssrcLimitDrops;

    SrtpReceiver(SrtpKeyingMaterial keys, int maxSsrcs) {
        this.profile = keys.profile();
        this.factory = new SrtpContextFactory(false, keys.remoteMasterKey(), keys.remoteMasterSalt(),
            SrtpPolicies.policy(profile), SrtpPolicies.policy(profile), new LoggerImpl(SrtpSession.class.getName()));
        this.rtp = new SsrcTable<>(maxSsrcs);
        this.rtcp = new SsrcTable<>(maxSsrcs);
    }

    int unprotectRtp(byte[] buf, int off, int len) {
        if (!RtpBounds.inside(buf, off, len, 0)
            || RtpBounds.rtpHeaderLength(buf, off, len - profile.tagLength()) < 0) {
            return countInvalid();
        }
        int ssrc = RtpBounds.readInt(buf, off + 8);
        try {
            SrtpCryptoContext ctx = rtp.get(ssrc);
            boolean fresh = ctx == null;
            if (fresh) {
                if (rtp.isFull()) {
                    ssrcLimitDrops++;
                    return SrtpSession.SSRC_LIMIT;
                }
                ctx = factory.deriveContext(ssrc, 0);
            }
            int result = finish(ctx.reverseTransformPacket(view.wrap(buf, off, len), false));
            if (fresh && result >= 0) {
                rtp.put(ssrc, ctx);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return countInvalid();
        } finally {
            view.release();
        }
    }

    int unprotectRtcp(byte[] buf, int off, int len) {
        int minimum = RtpBounds.RTCP_FIXED_HEADER + SrtpProfile.SRTCP_INDEX_LENGTH + profile.tagLength();
        if (!RtpBounds.inside(buf, off, len, 0) || len < minimum || !RtpBounds.versionTwo(buf, off)) {
            return countInvalid();
        }
        int ssrc = RtpBounds.readInt(buf, off + 4);
        try {
            SrtcpCryptoContext ctx = rtcp.get(ssrc);
            boolean fresh = ctx == null;
            if (fresh) {
                if (rtcp.isFull()) {
                    ssrcLimitDrops++;
                    return SrtpSession.SSRC_LIMIT;
                }
                ctx = factory.deriveControlContext(ssrc);
            }
            int result = finish(ctx.reverseTransformPacket(view.wrap(buf, off, len)));
            if (fresh && result >= 0) {
                rtcp.put(ssrc, ctx);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return countInvalid();
        } finally {
            view.release();
        }
    }

    private int finish(SrtpErrorStatus status) {
        switch (status) {
            case OK:
                unprotectedPackets++;
                return view.getLength();
            case AUTH_FAIL:
                authFailures++;
                return SrtpSession.AUTH_FAILED;
            case REPLAY_FAIL:
            case REPLAY_OLD:
                replays++;
                return SrtpSession.REPLAYED;
            default:
                return countInvalid();
        }
    }

    int rejectClosed() {
        return countInvalid();
    }

    private int countInvalid() {
        invalid++;
        return SrtpSession.INVALID;
    }

    void close() {
        factory.close();
        rtp.clear();
        rtcp.clear();
    }
}
