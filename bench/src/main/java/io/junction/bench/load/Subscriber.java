package io.junction.bench.load;

import io.junction.client.ReceivedStream;
import io.junction.client.RoomPeer;
import io.junction.client.SyntheticMedia;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.ReceiverReport;
import io.junction.rtp.rtcp.ReportBlock;
import org.HdrHistogram.Recorder;

import java.util.HashMap;
import java.util.Map;

/**
 * A subscribe-only participant that checks every packet it receives: payload integrity
 * ({@link SyntheticMedia#check}), order, gaps and duplicates per stream ({@link StreamAccounting}),
 * one-way latency from the embedded send time into a shared histogram (µs; first copies only, the
 * sender shares this JVM's clock). {@link #tick} sends NACKs for gaps and, every second, an RR.
 * Optionally impaired on its receive leg.
 */
public final class Subscriber implements AutoCloseable {
    private static final long NACK_RETRY_NANOS = 60_000_000L;
    private static final int NACK_TRIES = 3;

    private final RoomPeer client;
    private final Recorder latencyMicros;
    private final ImpairedLink link;
    private final long ownSsrc;
    private final RtpPacket view = new RtpPacket();
    private final Map<Long, StreamAccounting> byMediaSsrc = new HashMap<>();
    private final Map<Integer, Long> videoSsrcByTag = new HashMap<>();
    private final int[] nackSeqs = new int[64];
    private final byte[] rtcp = new byte[1500];
    private long corrupt;
    private long unknown;
    private long bytes;
    private long lastReportNanos;

    Subscriber(RoomPeer client, Recorder latencyMicros, PacketImpairment impairment,
               java.util.concurrent.ScheduledExecutorService delays, long ownSsrc) {
        this.client = client;
        this.latencyMicros = latencyMicros;
        this.ownSsrc = ownSsrc;
        this.link = new ImpairedLink(impairment, delays, this::deliver);
        client.setRtpTap((stream, p, now) -> link.offer(p.array(), p.offset(), p.length()));
    }

    public RoomPeer client() {
        return client;
    }

    private synchronized void deliver(byte[] buf, int off, int len) {
        long now = System.nanoTime();
        if (!view.wrap(buf, off, len)) {
            corrupt++;
            return;
        }
        ReceivedStream stream = client.received().get(view.ssrc());
        if (stream == null) {
            unknown++;
            return;
        }
        bytes += len;
        int po = view.payloadOffset();
        int pl = view.payloadLength();
        boolean video = "video".equals(stream.kind());
        SyntheticMedia.Body body = SyntheticMedia.check(buf, po, pl, video);
        if (body != null) {
            StreamAccounting acc = byMediaSsrc.computeIfAbsent(view.ssrc(), s -> new StreamAccounting());
            if (video) {
                videoSsrcByTag.putIfAbsent(body.tag(), view.ssrc());
            }
            if (acc.onPacket(view.sequenceNumber(), now, false) == StreamAccounting.Outcome.NEW) {
                latencyMicros.recordValue(Math.max(0, (now - body.sendNanos()) / 1000));
            }
            return;
        }
        SyntheticMedia.Body rtx = pl >= 2 ? SyntheticMedia.check(buf, po + 2, pl - 2, video) : null;
        Long media = rtx == null ? null : videoSsrcByTag.get(rtx.tag());
        if (media == null) {
            corrupt++;
            return;
        }
        int osn = ((buf[po] & 0xFF) << 8) | (buf[po + 1] & 0xFF); // RFC 4588 §4: original seq
        byMediaSsrc.get(media).onPacket(osn, now, true);
    }

    /** Settles old gaps, sends due NACKs and (once a second) an RR; call every ~20 ms. */
    public synchronized void tick(long now, long graceNanos) {
        for (Map.Entry<Long, StreamAccounting> e : byMediaSsrc.entrySet()) {
            StreamAccounting acc = e.getValue();
            acc.tick(now, graceNanos);
            int n = acc.collectNacks(now, NACK_RETRY_NANOS, NACK_TRIES, nackSeqs);
            if (n > 0) {
                int len = Nack.write(rtcp, 0, ownSsrc, e.getKey(), nackSeqs, 0, n);
                client.sendRtcp(rtcp, 0, len);
            }
        }
        if (now - lastReportNanos >= 1_000_000_000L && !byMediaSsrc.isEmpty()) {
            lastReportNanos = now;
            int blocks = Math.min(31, byMediaSsrc.size());
            int len = ReceiverReport.write(rtcp, 0, ownSsrc, blocks);
            int i = 0;
            for (Map.Entry<Long, StreamAccounting> e : byMediaSsrc.entrySet()) {
                if (i == blocks) {
                    break;
                }
                StreamAccounting a = e.getValue();
                int lost = (int) Math.max(0, a.expected() - a.received());
                ReportBlock.write(rtcp, ReceiverReport.reportBlockOffset(0, i++), e.getKey(), 0, lost,
                        a.extendedHighest(), 0, 0, 0);
            }
            client.sendRtcp(rtcp, 0, len);
        }
    }

    /** Settles every stream (end of run). */
    public synchronized void settleAll() {
        byMediaSsrc.values().forEach(StreamAccounting::settleAll);
    }

    /** Adds this subscriber's counters to {@code t}. */
    public synchronized void addTo(Totals t) {
        t.streams += byMediaSsrc.size();
        for (StreamAccounting a : byMediaSsrc.values()) {
            t.received += a.received();
            t.expected += a.expected();
            t.settled += a.settled();
            t.gaps += a.gaps();
            t.repaired += a.repaired();
            t.lostAfterRepair += a.lostAfterRepair();
            t.duplicates += a.duplicates();
            t.outOfOrder += a.outOfOrder();
        }
        t.bytes += bytes;
        t.corrupt += corrupt;
        t.unknown += unknown;
        t.impairedDrops += link.dropped();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Counters summed over subscribers; subtract two snapshots for a step. */
    public static final class Totals {
        public long streams;
        public long received;
        public long expected;
        public long settled;
        public long gaps;
        public long repaired;
        public long lostAfterRepair;
        public long duplicates;
        public long outOfOrder;
        public long bytes;
        public long corrupt;
        public long unknown;
        public long impairedDrops;
    }
}
