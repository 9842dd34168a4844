package io.junction.client;

import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.RtpPacket;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.room.TransportCcFeedback;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.MediaDescription;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.sdp.SupportedExtensions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The receive side of transport-wide congestion control for a Java subscriber
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3), as a browser does it: every RTP
 * packet's transport-wide sequence number and arrival time is recorded and reported to the
 * server every 50 ms ({@link TransportCcFeedback}, RTPFB FMT 15), so the server's send-side
 * estimate toward this client forms.
 *
 * <p>Optionally it simulates a downlink of limited capacity in front of that: a drop-tail
 * bottleneck of {@link #setCapacity capacity} bit/s with a queue of at most
 * {@code maxQueueMs}. A packet the queue has no room for is dropped (not delivered, reported
 * lost); the others are reported as arriving when the bottleneck would have released them
 * (their content is delivered at once). Use it from an {@link SfuParticipantClient.RtpTap}:
 * deliver a packet only when {@link #onRtp} returns true. Any thread (synchronized).
 */
public final class TransportCcReceiver implements AutoCloseable {
    /** SRTP tag, UDP and IPv4 headers on top of the RTP bytes. */
    static final int WIRE_OVERHEAD = 10 + 8 + 20;
    static final long FEEDBACK_INTERVAL_MS = 50;

    private final SfuParticipantClient client;
    private final TransportCcFeedback feedback = new TransportCcFeedback();
    private final long maxQueueUs;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;
    private final MediaSender rtcpOut;
    private long capacityBps;
    private long linkFreeUs;
    private int extensionId;
    private SessionDescription seenDescription;
    private long received;
    private long dropped;
    private long unstamped;

    private TransportCcReceiver(SfuParticipantClient client, long maxQueueMs) {
        this.client = client;
        this.maxQueueUs = maxQueueMs * 1000;
        this.rtcpOut = new MediaSender() {
            @Override
            public void sendRtp(byte[] buf, int off, int len) {
            }

            @Override
            public void sendRtcp(byte[] buf, int off, int len) {
                client.sendRtcp(buf, off, len);
            }
        };
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twcc-feedback");
            t.setDaemon(true);
            return t;
        });
        this.task = timer.scheduleAtFixedRate(this::flush, FEEDBACK_INTERVAL_MS, FEEDBACK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts sending feedback for {@code client}'s received packets.
     *
     * @param maxQueueMs the simulated bottleneck's queue limit (only used with a capacity)
     */
    public static TransportCcReceiver start(SfuParticipantClient client, long maxQueueMs) {
        if (maxQueueMs <= 0) {
            throw new IllegalArgumentException("bottleneck queue must be > 0 ms, was " + maxQueueMs);
        }
        return new TransportCcReceiver(client, maxQueueMs);
    }

    /** The simulated downlink capacity in bit/s, 0 for none. */
    public synchronized void setCapacity(long bps) {
        capacityBps = Math.max(0, bps);
    }

    /**
     * One received RTP packet. Returns false when the simulated bottleneck dropped it (the
     * caller should then ignore it).
     */
    public synchronized boolean onRtp(RtpPacket p, long nowNanos) {
        long now = nowNanos / 1000;
        long arrival = now;
        if (capacityBps > 0) {
            long start = Math.max(now, linkFreeUs);
            if (start - now > maxQueueUs) {
                dropped++;
                return false;
            }
            linkFreeUs = start + (p.length() + WIRE_OVERHEAD) * 8_000_000L / capacityBps;
            arrival = linkFreeUs;
        }
        received++;
        int id = extensionId();
        int at = id > 0 ? HeaderExtensions.find(p, id) : -1;
        if (at >= 0 && HeaderExtensions.valueLength(p, at) == 2) {
            byte[] b = p.array();
            feedback.onPacket(((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF), arrival);
        } else {
            unstamped++;
        }
        return true;
    }

    /** The transport-cc id of the last description from the server (bundle: one id for all sections). */
    private int extensionId() {
        SessionDescription d = client.lastRemoteDescription();
        if (d != seenDescription) {
            seenDescription = d;
            extensionId = 0;
            if (d != null) {
                for (MediaDescription m : d.media()) {
                    for (Extmap e : m.extmaps()) {
                        if (e.uri().equals(SupportedExtensions.TRANSPORT_CC)) {
                            extensionId = e.id();
                        }
                    }
                }
            }
        }
        return extensionId;
    }

    private synchronized void flush() {
        try {
            feedback.flush(0x7C0FFEEL, 0, rtcpOut);
        } catch (RuntimeException e) {
            // the peer is closing: nothing to report to
        }
    }

    public synchronized long received() {
        return received;
    }

    /** Packets the simulated bottleneck dropped. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Packets without a transport-wide sequence number. */
    public synchronized long unstamped() {
        return unstamped;
    }

    public long feedbacksSent() {
        synchronized (this) {
            return feedback.feedbacksSent();
        }
    }

    @Override
    public void close() {
        task.cancel(false);
        timer.shutdownNow();
    }
}
