package io.junction.client;

import io.junction.rtp.RtpHeader;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.Fir;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sends a participant's synthetic video as rid-based simulcast, the way a browser does with
 * {@code sendEncodings}: one RTP stream per {@link ClientSdp.Layer} (own SSRC, sequence numbers
 * and frame size, lowest first), every packet carrying the MID and RID header extensions
 * (RFC 8843, RFC 8852; one-byte form, RFC 8285). Each layer starts with a keyframe and sends
 * another every {@code keyframeIntervalFrames} frames and when a PLI or FIR names its SSRC;
 * requests for one layer do not touch the others. The body's tag is the layer's SSRC, so a
 * receiver can tell which layer a packet came from.
 */
public final class SimulcastPump implements AutoCloseable {
    private final MediaPump.Publisher client;
    private final List<ClientSdp.Layer> layers;
    private final String mid;
    private final ScheduledExecutorService timer;
    private final int fps;
    private final int keyframeIntervalFrames;
    private final int[] frameBytes;
    private final int[] seq;
    private final long[] ts;
    private final boolean[] keyRequested;
    private final AtomicLongArray keyframeRequests;
    private final byte[] scratch = new byte[1600];
    private final byte[] buf = new byte[1700];
    private int counter;
    private int frames;
    private final ScheduledFuture<?> task;

    private SimulcastPump(MediaPump.Publisher client, List<ClientSdp.Layer> layers, String mid, int fps,
                          int topBitrate, int keyframeIntervalFrames) {
        this.client = client;
        this.layers = List.copyOf(layers);
        this.mid = mid;
        this.fps = fps;
        this.keyframeIntervalFrames = keyframeIntervalFrames;
        int n = layers.size();
        this.frameBytes = new int[n];
        this.seq = new int[n];
        this.ts = new long[n];
        this.keyRequested = new boolean[n];
        this.keyframeRequests = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            // each layer below the top at a quarter of the rate of the one above (1/4 the pixels)
            frameBytes[i] = Math.max(120, (topBitrate >> (2 * (n - 1 - i))) / 8 / fps);
            seq[i] = (int) (layers.get(i).ssrc() & 0x7FFF);
            ts[i] = layers.get(i).ssrc() * 7 & 0xFFFF_FFFFL;
            keyRequested[i] = true;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "simulcast-pump");
            th.setDaemon(true);
            return th;
        });
        client.addRtcpTap(this::onRtcp);
        this.task = timer.scheduleAtFixedRate(this::sendFrame, 0, 1000 / fps, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts sending.
     *
     * @param mid        the mid of the video section (the client's offer names it {@code c1})
     * @param topBitrate the top layer's bitrate in bit/s
     */
    public static SimulcastPump start(MediaPump.Publisher client, List<ClientSdp.Layer> layers, String mid, int fps,
                                      int topBitrate, int keyframeIntervalFrames) {
        return new SimulcastPump(client, layers, mid, fps, topBitrate, keyframeIntervalFrames);
    }

    private synchronized void sendFrame() {
        boolean periodic = frames % keyframeIntervalFrames == 0;
        frames++;
        for (int l = 0; l < layers.size(); l++) {
            boolean key = keyRequested[l] || periodic;
            keyRequested[l] = false;
            int size = key ? frameBytes[l] * 3 : frameBytes[l];
            int packets = Math.max(1, (size + 1099) / 1100);
            for (int i = 0; i < packets; i++) {
                int payload = Math.max(64, Math.min(1100, size - i * 1100));
                int len = SyntheticMedia.write(scratch, 0, ClientSdp.VP8_PT, seq[l], ts[l], layers.get(l).ssrc(),
                        i == packets - 1, true, key, i == 0, (int) layers.get(l).ssrc(), counter++, System.nanoTime(),
                        payload);
                seq[l] = (seq[l] + 1) & 0xFFFF;
                int out = withStreamIds(scratch, len, layers.get(l).rid());
                client.sendRtp(buf, 0, out);
            }
            ts[l] = (ts[l] + 90000 / fps) & 0xFFFF_FFFFL;
        }
    }

    /** Copies the packet into {@link #buf} with a one-byte extension block holding MID and RID. */
    private int withStreamIds(byte[] p, int len, String rid) {
        byte[] m = mid.getBytes(StandardCharsets.US_ASCII);
        byte[] r = rid.getBytes(StandardCharsets.US_ASCII);
        int elems = 2 + m.length + r.length;
        int words = (elems + 3) / 4;
        System.arraycopy(p, 0, buf, 0, RtpHeader.FIXED_HEADER_LENGTH);
        buf[0] |= 0x10; // X
        int at = RtpHeader.FIXED_HEADER_LENGTH;
        buf[at++] = (byte) 0xBE;
        buf[at++] = (byte) 0xDE;
        buf[at++] = (byte) (words >> 8);
        buf[at++] = (byte) words;
        int start = at;
        buf[at++] = (byte) (ClientSdp.MID_EXT_ID << 4 | (m.length - 1));
        System.arraycopy(m, 0, buf, at, m.length);
        at += m.length;
        buf[at++] = (byte) (ClientSdp.RID_EXT_ID << 4 | (r.length - 1));
        System.arraycopy(r, 0, buf, at, r.length);
        at += r.length;
        while (at < start + 4 * words) {
            buf[at++] = 0;
        }
        int body = len - RtpHeader.FIXED_HEADER_LENGTH;
        System.arraycopy(p, RtpHeader.FIXED_HEADER_LENGTH, buf, at, body);
        return at + body;
    }

    private void onRtcp(byte[] b, int off, int len) {
        RtcpCursor c = new RtcpCursor();
        if (!c.reset(b, off, len)) {
            return;
        }
        while (c.next()) {
            if (c.packetType() != RtcpHeader.PSFB) {
                continue;
            }
            int fmt = Feedback.fmt(b, c.offset());
            if (fmt == RtcpHeader.FMT_PLI) {
                request(Feedback.mediaSsrc(b, c.offset()));
            } else if (fmt == RtcpHeader.FMT_FIR && Fir.isValid(b, c.offset(), c.length())) {
                for (int i = 0, n = Fir.entryCount(c.length()); i < n; i++) {
                    request(Fir.ssrc(b, c.offset(), i));
                }
            }
        }
    }

    private synchronized void request(long ssrc) {
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).ssrc() == ssrc) {
                keyRequested[l] = true;
                keyframeRequests.incrementAndGet(l);
            }
        }
    }

    /** PLI/FIR received for layer {@code l}. */
    public long keyframeRequests(int l) {
        return keyframeRequests.get(l);
    }

    @Override
    public void close() {
        task.cancel(false);
        timer.shutdownNow();
    }
}
