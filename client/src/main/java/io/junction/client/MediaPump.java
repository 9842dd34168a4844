package io.junction.client;

import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a participant's synthetic media: Opus-sized audio at 50 packets/s and VP8-shaped video
 * at a frame rate and bitrate, packetized to at most 1200-byte payloads, with a keyframe on start,
 * every {@code keyframeIntervalFrames} frames and whenever the server sends PLI or FIR.
 */
public final class MediaPump implements AutoCloseable {
    /** What a pump sends through: a participant publishing one audio (index 0) and one video (index 1) track. */
    public interface Publisher {
        /** The SSRC of the audio (0) or video (1) track. */
        long publishedSsrc(int index);

        /** Observes every RTCP packet received (for PLI/FIR). */
        void addRtcpTap(SfuParticipantClient.RtcpTap tap);

        /** Sends one RTP packet (encrypted in place; leave SRTP tailroom). */
        void sendRtp(byte[] buf, int off, int len);
    }

    private final Publisher client;
    private final ScheduledExecutorService timer;
    private final boolean ownTimer;
    private final int fps;
    private final int frameBytes;
    private final int keyframeIntervalFrames;
    private final AtomicBoolean keyframeRequested = new AtomicBoolean(true);
    private final byte[] buf = new byte[1600];
    private final int tag;
    private ScheduledFuture<?> audioTask;
    private ScheduledFuture<?> videoTask;
    private int audioSeq;
    private long audioTs;
    private int videoSeq;
    private long videoTs;
    private int counter;
    private int frames;
    private volatile long keyframeRequests;
    private int withhold;
    /** RFC 6464 level (-dBov, 0..127) written on audio packets, or -1 for none. */
    private volatile int audioLevel = -1;
    private volatile long lastWithheldNanos;
    private final java.util.List<byte[]> withheld = new java.util.ArrayList<>();
    private final java.util.List<Integer> withheldSeqs = new java.util.ArrayList<>();

    private MediaPump(Publisher client, ScheduledExecutorService timer, boolean ownTimer,
                      int fps, int videoBitrate, int keyframeIntervalFrames) {
        this.client = client;
        this.timer = timer;
        this.ownTimer = ownTimer;
        this.fps = fps;
        this.frameBytes = Math.max(200, videoBitrate / 8 / fps);
        this.keyframeIntervalFrames = keyframeIntervalFrames;
        this.tag = (int) client.publishedSsrc(1);
        this.audioSeq = (int) (client.publishedSsrc(0) & 0x7FFF);
        this.videoSeq = (int) (client.publishedSsrc(1) & 0x7FFF);
        client.addRtcpTap(this::onRtcp);
    }

    /** 30 fps, 500 kbit/s video, keyframe every 2 s, on a timer thread of its own. */
    public static MediaPump start(Publisher client) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "media-pump");
            th.setDaemon(true);
            return th;
        });
        return start(client, t, true, 30, 500_000, 60);
    }

    public static MediaPump start(Publisher client, ScheduledExecutorService timer, boolean ownTimer,
                                  int fps, int videoBitrate, int keyframeIntervalFrames) {
        MediaPump p = new MediaPump(client, timer, ownTimer, fps, videoBitrate, keyframeIntervalFrames);
        p.audioTask = timer.scheduleAtFixedRate(p::sendAudio, 0, 20, TimeUnit.MILLISECONDS);
        p.videoTask = timer.scheduleAtFixedRate(p::sendVideo, 0, 1000 / fps, TimeUnit.MILLISECONDS);
        return p;
    }

    /**
     * From now on every audio packet carries the RFC 6464 audio level extension (id 1, as
     * {@link ClientSdp} offers it) with {@code dBov} (0 = loudest, 127 = silence), voice activity
     * set below 127; -1 stops writing it.
     */
    public void audioLevel(int dBov) {
        audioLevel = dBov;
    }

    private synchronized void sendAudio() {
        int len = SyntheticMedia.write(buf, 0, ClientSdp.OPUS_PT, audioSeq, audioTs, client.publishedSsrc(0),
                false, false, false, false, tag, counter++, System.nanoTime(), 160);
        int level = audioLevel;
        if (level >= 0) {
            len = withAudioLevel(len, level);
        }
        audioSeq = (audioSeq + 1) & 0xFFFF;
        audioTs += 960;
        client.sendRtp(buf, 0, len);
    }

    private synchronized void sendVideo() {
        boolean key = keyframeRequested.getAndSet(false) || frames % keyframeIntervalFrames == 0;
        frames++;
        int size = key ? frameBytes * 3 : frameBytes;
        int packets = Math.max(1, (size + 1199) / 1200);
        for (int i = 0; i < packets; i++) {
            int payload = Math.min(1200, size - i * 1200);
            int len = SyntheticMedia.write(buf, 0, ClientSdp.VP8_PT, videoSeq, videoTs, client.publishedSsrc(1),
                    i == packets - 1, true, key, i == 0, tag, counter++, System.nanoTime(), Math.max(64, payload));
            videoSeq = (videoSeq + 1) & 0xFFFF;
            if (withhold > 0) {
                withhold--;
                withheld.add(java.util.Arrays.copyOf(buf, len));
                withheldSeqs.add((videoSeq - 1) & 0xFFFF);
                lastWithheldNanos = System.nanoTime();
                continue;
            }
            client.sendRtp(buf, 0, len);
        }
        videoTs += 90000 / fps;
    }

    /** Inserts a one-byte-header extension block (RFC 8285 §4.2) with the audio level after the fixed header. */
    private int withAudioLevel(int len, int level) {
        System.arraycopy(buf, 12, buf, 20, len - 12);
        buf[0] |= 0x10; // X
        buf[12] = (byte) 0xBE;
        buf[13] = (byte) 0xDE;
        buf[14] = 0;
        buf[15] = 1;
        buf[16] = (byte) (1 << 4); // id 1, one byte
        buf[17] = (byte) ((level < 127 ? 0x80 : 0) | level);
        buf[18] = 0;
        buf[19] = 0;
        return len + 8;
    }

    private void onRtcp(byte[] b, int off, int len) {
        RtcpCursor c = new RtcpCursor();
        if (!c.reset(b, off, len)) {
            return;
        }
        while (c.next()) {
            if (c.packetType() == RtcpHeader.PSFB) {
                int fmt = Feedback.fmt(b, c.offset());
                if (fmt == RtcpHeader.FMT_PLI || fmt == RtcpHeader.FMT_FIR) {
                    keyframeRequests++;
                    keyframeRequested.set(true);
                }
            }
        }
    }

    /**
     * Loss simulation: the next {@code n} video packets are built (their sequence numbers used)
     * but kept instead of sent, until {@link #resendWithheld()}.
     */
    public synchronized void withholdVideo(int n) {
        withhold = n;
    }

    /** Sequence numbers of the video packets withheld so far and not yet resent. */
    public synchronized java.util.List<Integer> withheldSequences() {
        return java.util.List.copyOf(withheldSeqs);
    }

    /** Sends the withheld video packets now, as late originals on the media SSRC; returns how many. */
    public synchronized int resendWithheld() {
        int n = withheld.size();
        for (byte[] p : withheld) {
            System.arraycopy(p, 0, buf, 0, p.length);
            client.sendRtp(buf, 0, p.length);
        }
        withheld.clear();
        withheldSeqs.clear();
        return n;
    }

    /** {@code System.nanoTime()} when the last withheld packet was built (0 before any). */
    public long lastWithheldNanos() {
        return lastWithheldNanos;
    }

    /** PLI/FIR received from the server. */
    public long keyframeRequests() {
        return keyframeRequests;
    }

    @Override
    public void close() {
        if (audioTask != null) {
            audioTask.cancel(false);
        }
        if (videoTask != null) {
            videoTask.cancel(false);
        }
        if (ownTimer) {
            timer.shutdownNow();
        }
    }
}
