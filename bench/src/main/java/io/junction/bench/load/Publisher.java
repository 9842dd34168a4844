package io.junction.bench.load;

import io.junction.client.RoomPeer;
import io.junction.client.SyntheticMedia;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publishing participant's media: Opus-sized audio (160-byte payloads, 50 packets/s) and
 * VP8-shaped video at {@code fps} and a bitrate, packetized to ≤ 1200-byte payloads with marker
 * bits, a 3× keyframe every {@code keyframeIntervalFrames} frames and on PLI/FIR (RFC 4585 §6.3.1,
 * RFC 5104 §4.3.1). Every payload carries a tag, counter and send time ({@link SyntheticMedia}).
 * Keeps the last 1024 video packets to answer the server's NACKs with a plain resend. All sends run
 * on the pump scheduler's one thread; the send leg may be impaired.
 */
public final class Publisher implements AutoCloseable {
    private static final int OPUS_PT = 111;
    private static final int VP8_PT = 96;
    private static final int HISTORY = 1024;

    private final RoomPeer client;
    private final ScheduledExecutorService pump;
    private final ImpairedLink link;
    private final int fps;
    private final int frameBytes;
    private final int keyframeIntervalFrames;
    private final long audioSsrc;
    private final long videoSsrc;
    private final int tag;
    private final AtomicBoolean keyframeRequested = new AtomicBoolean(true);
    private final byte[] buf = new byte[1600];
    private final byte[][] history = new byte[HISTORY][];
    private final int[] historyLen = new int[HISTORY];
    private final int[] historySeq = new int[HISTORY];
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong keyframeRequests = new AtomicLong();
    private ScheduledFuture<?> audioTask;
    private ScheduledFuture<?> videoTask;
    private int audioSeq;
    private long audioTs;
    private int videoSeq;
    private long videoTs;
    private int counter;
    private long frames;

    Publisher(RoomPeer client, ScheduledExecutorService pump, PacketImpairment impairment,
              int fps, int videoBitsPerSecond, int keyframeIntervalFrames) {
        this.client = client;
        this.pump = pump;
        this.fps = fps;
        this.frameBytes = Math.max(200, videoBitsPerSecond / 8 / fps);
        this.keyframeIntervalFrames = keyframeIntervalFrames;
        this.audioSsrc = client.publishedSsrc(0);
        this.videoSsrc = client.publishedSsrc(1);
        this.tag = (int) videoSsrc;
        this.audioSeq = (int) (audioSsrc & 0x7FFF);
        this.videoSeq = (int) (videoSsrc & 0x7FFF);
        this.link = new ImpairedLink(impairment, pump, client::sendRtp);
        for (int i = 0; i < HISTORY; i++) {
            history[i] = new byte[1600];
            historySeq[i] = -1;
        }
        client.addRtcpTap(this::onRtcp);
    }

    /** Starts the audio and video timers. */
    void start() {
        audioTask = pump.scheduleAtFixedRate(this::sendAudio, 0, 20, TimeUnit.MILLISECONDS);
        videoTask = pump.scheduleAtFixedRate(this::sendVideo, 0, 1_000_000 / fps, TimeUnit.MICROSECONDS);
    }

    public RoomPeer client() {
        return client;
    }

    private void sendAudio() {
        int len = SyntheticMedia.write(buf, 0, OPUS_PT, audioSeq, audioTs, audioSsrc, false, false, false, false,
                tag, counter++, System.nanoTime(), 160);
        audioSeq = (audioSeq + 1) & 0xFFFF;
        audioTs += 960;
        send(len);
    }

    private void sendVideo() {
        boolean key = keyframeRequested.getAndSet(false) || frames % keyframeIntervalFrames == 0;
        frames++;
        int size = key ? frameBytes * 3 : frameBytes;
        int n = Math.max(1, (size + 1199) / 1200);
        for (int i = 0; i < n; i++) {
            int payload = Math.max(64, Math.min(1200, size - i * 1200));
            int len = SyntheticMedia.write(buf, 0, VP8_PT, videoSeq, videoTs, videoSsrc, i == n - 1, true, key,
                    i == 0, tag, counter++, System.nanoTime(), payload);
            int slot = videoSeq & (HISTORY - 1);
            System.arraycopy(buf, 0, history[slot], 0, len);
            historyLen[slot] = len;
            historySeq[slot] = videoSeq;
            videoSeq = (videoSeq + 1) & 0xFFFF;
            send(len);
        }
        videoTs += 90000 / fps;
    }

    private void send(int len) {
        packets.incrementAndGet();
        bytes.addAndGet(len);
        link.offer(buf, 0, len);
    }

    private void onRtcp(byte[] b, int off, int len) {
        RtcpCursor c = new RtcpCursor();
        if (!c.reset(b, off, len)) {
            return;
        }
        while (c.next()) {
            int type = c.packetType();
            if (type == RtcpHeader.PSFB) {
                int fmt = Feedback.fmt(b, c.offset());
                if (fmt == RtcpHeader.FMT_PLI || fmt == RtcpHeader.FMT_FIR) {
                    keyframeRequests.incrementAndGet();
                    keyframeRequested.set(true);
                }
            } else if (Nack.isValid(b, c.offset(), c.length()) && Feedback.mediaSsrc(b, c.offset()) == videoSsrc) {
                int[] seqs = new int[Nack.entryCount(c.length()) * 17];
                int n = Nack.expand(b, c.offset(), c.length(), seqs);
                pump.execute(() -> resend(seqs, n));
            }
        }
    }

    private void resend(int[] seqs, int n) {
        for (int i = 0; i < n; i++) {
            int slot = seqs[i] & (HISTORY - 1);
            if (historySeq[slot] == seqs[i]) {
                int len = historyLen[slot];
                System.arraycopy(history[slot], 0, buf, 0, len);
                resent.incrementAndGet();
                client.sendRtp(buf, 0, len); // a late original (RFC 4585 §6.2.1 repair by resend)
            }
        }
    }

    /** RTP packets generated (before any send-leg impairment). */
    public long packets() {
        return packets.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long resent() {
        return resent.get();
    }

    public long keyframeRequests() {
        return keyframeRequests.get();
    }

    public long impairedDrops() {
        return link.dropped();
    }

    @Override
    public void close() {
        if (audioTask != null) {
            audioTask.cancel(false);
        }
        if (videoTask != null) {
            videoTask.cancel(false);
        }
        client.close();
    }
}
