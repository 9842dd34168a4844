package io.junction.srtp;

import java.security.GeneralSecurityException;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.LoggerImpl;

/** The protect direction of an {@link SrtpSession}: one thread at a time. */
final class SrtpSender {
    private final SrtpProfile profile;
    private final SrtpContextFactory factory;
    private final SsrcTable<SrtpCryptoContext> rtp;
    private final SsrcTable<SrtcpCryptoContext> rtcp;
    private final MutablePacketView view = new MutablePacketView();

    // Single writer (the protect thread); volatile so stats() may read from anywhere.
    volatile long protectedPackets;
    volatile long invalid;
    volatile long ssrcLimitDrops;

    SrtpSender(SrtpKeyingMaterial keys, int maxSsrcs) {
        this.profile = keys.profile();
        this.factory = new SrtpContextFactory(true, keys.localMasterKey(), keys.localMasterSalt(),
            SrtpPolicies.policy(profile), SrtpPolicies.policy(profile), new LoggerImpl(SrtpSession.class.getName()));
        this.rtp = new SsrcTable<>(maxSsrcs);
        this.rtcp = new SsrcTable<>(maxSsrcs);
    }

    int protectRtp(byte[] buf, int off, int len) {
        if (!RtpBounds.inside(buf, off, len, profile.rtpTrailerLength())
            || RtpBounds.rtpHeaderLength(buf, off, len) < 0) {
            return countInvalid();
        }
        int ssrc = RtpBounds.readInt(buf, off + 8);
        try {
            SrtpCryptoContext ctx = rtp.get(ssrc);
            if (ctx == null) {
                if (rtp.isFull()) {
                    ssrcLimitDrops++;
                    return SrtpSession.SSRC_LIMIT;
                }
                ctx = factory.deriveContext(ssrc, 0);
                rtp.put(ssrc, ctx);
            }
            return finish(ctx.transformPacket(view.wrap(buf, off, len)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return countInvalid();
        } finally {
            view.release();
        }
    }

    int protectRtcp(byte[] buf, int off, int len) {
        if (!RtpBounds.inside(buf, off, len, profile.rtcpTrailerLength())
            || len < RtpBounds.RTCP_FIXED_HEADER || !RtpBounds.versionTwo(buf, off)) {
            return countInvalid();
        }
        int ssrc = RtpBounds.readInt(buf, off + 4);
        try {
            SrtcpCryptoContext ctx = rtcp.get(ssrc);
            if (ctx == null) {
                if (rtcp.isFull()) {
                    ssrcLimitDrops++;
                    return SrtpSession.SSRC_LIMIT;
                }
                ctx = factory.deriveControlContext(ssrc);
                rtcp.put(ssrc, ctx);
            }
            return finish(ctx.transformPacket(view.wrap(buf, off, len)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return countInvalid();
        } finally {
            view.release();
        }
    }

    private int finish(SrtpErrorStatus status) {
        if (status != SrtpErrorStatus.OK) {
            return countInvalid();
        }
        protectedPackets++;
        return view.getLength();
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
