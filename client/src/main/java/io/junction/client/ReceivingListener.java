package io.junction.client;

import io.junction.rtp.RtpPacket;
import io.junction.transport.MediaTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The receive side a Java client peer's transport reports to: completes {@code connected} (or
 * fails it), hands each RTP packet to its {@link ReceivedStream} by SSRC (or to the RTP tap when
 * one is set) and each RTCP compound to the RTCP taps. Transport threads only; one view reused.
 */
public class ReceivingListener implements MediaTransport.Listener {
    private final RtpPacket view = new RtpPacket();
    private final CompletableFuture<Void> connected;
    private final Map<Long, ReceivedStream> received;
    private final List<SfuParticipantClient.RtcpTap> rtcpTaps;
    private final Supplier<SfuParticipantClient.RtpTap> rtpTap;

    public ReceivingListener(CompletableFuture<Void> connected, Map<Long, ReceivedStream> received,
                      List<SfuParticipantClient.RtcpTap> rtcpTaps, Supplier<SfuParticipantClient.RtpTap> rtpTap) {
        this.connected = connected;
        this.received = received;
        this.rtcpTaps = rtcpTaps;
        this.rtpTap = rtpTap;
    }

    @Override
    public void onConnected() {
        connected.complete(null);
    }

    @Override
    public void onFailed(String reason) {
        connected.completeExceptionally(new IllegalStateException("transport failed: " + reason));
    }

    @Override
    public void onClosed() {
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        if (!view.wrap(buf, off, len)) {
            return;
        }
        ReceivedStream s = received.get(view.ssrc());
        SfuParticipantClient.RtpTap tap = rtpTap.get();
        if (tap != null) {
            tap.onRtp(s, view, System.nanoTime());
        } else if (s != null) {
            s.onPacket(view, System.nanoTime());
        }
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        for (SfuParticipantClient.RtcpTap tap : rtcpTaps) {
            tap.onRtcp(buf, off, len);
        }
    }
}
