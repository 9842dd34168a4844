package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.sfu.forward.NackResponder.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NackResponderTest {
    private static final long LOW = 0x1000L;
    private static final long HIGH = 0x2000L;
    private static final long OUT_SSRC = 0x5555L;
    private static final long RTX_SSRC = 0x6666L;

    private final BufferPool pool = new BufferPool(512, 1600, 64, true);
    private final Map<Long, RetransmissionBuffer> buffers = new HashMap<>();
    private final Map<Integer, Long> forwardedTs = new HashMap<>();
    private final List<PacketBuffer> sent = new ArrayList<>();
    private final List<Boolean> sentRtx = new ArrayList<>();
    private final RetransmissionSink sink = (p, rtx) -> {
        sent.add(p);
        sentRtx.add(rtx);
    };
    private Forwarder forwarder;

    private static byte[] payloadOf(int seq) {
        return new byte[] {(byte) 0xAA, (byte) (seq >> 8), (byte) seq, 0x10};
    }

    /** Publisher packet arrives: stored once, forwarded to the one subscription. */
    private void arrive(long ssrc, int seq, long ts, boolean key, long now, int padding) {
        PacketBuffer b = Packets.rtp(pool, 100, seq, ts, ssrc, payloadOf(seq), padding);
        RetransmissionBuffer rb = buffers.computeIfAbsent(ssrc, s -> new RetransmissionBuffer(1024, 1000));
        ForwardDecision d = forwarder.decide(ssrc, seq, ts, key, now);
        if (d.forward()) {
            forwardedTs.put(d.sequenceNumber(), d.timestamp());
        }
        if (!rb.store(b, seq, now)) {
            b.release();
        }
    }

    @BeforeEach
    void script() {
        // LOW 65530..65535 forwarded as-is, then a switch to HIGH at seq 1000: outputs 0, 1, 2 (across the wrap)
        forwarder = new Forwarder(true, LOW, 90000, 1024);
        for (int s = 65530; s <= 65535; s++) {
            arrive(LOW, s, 3000L * (s - 65530), s == 65530, s - 65530, 0);
        }
        forwarder.select(HIGH);
        arrive(HIGH, 1000, 777_000, true, 40, 0);
        arrive(HIGH, 1001, 780_000, false, 41, 4); // with 4 bytes of padding
        arrive(HIGH, 1003, 783_000, false, 42, 0); // 1002 lost upstream
    }

    @AfterEach
    void noLeaks() {
        sent.forEach(PacketBuffer::release);
        buffers.values().forEach(RetransmissionBuffer::close);
        pool.assertNoLeaks();
    }

    @Test
    void rtxAcrossSwitchAndWrap() {
        NackResponder r = new NackResponder(pool, OUT_SSRC, 96, RTX_SSRC, 97, 40000, 32);
        r.beginNack();
        assertEquals(Result.SERVED, r.respond(65535, 50, forwarder.rewriter(), buffers::get, sink));
        assertEquals(Result.SERVED, r.respond(1, 50, forwarder.rewriter(), buffers::get, sink));
        assertEquals(Result.MISSING, r.respond(2, 50, forwarder.rewriter(), buffers::get, sink), "lost upstream");
        assertEquals(Result.MISSING, r.respond(9, 50, forwarder.rewriter(), buffers::get, sink), "never produced");

        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(sent.get(0)));
        assertEquals(RTX_SSRC, p.ssrc());
        assertEquals(97, p.payloadType());
        assertEquals(40000, p.sequenceNumber());
        assertEquals((long) forwardedTs.get(65535), p.timestamp());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xAA, (byte) 0xFF, (byte) 0xFF, 0x10},
            payload(p), "OSN 65535 (subscriber space) + original payload");

        assertTrue(p.wrap(sent.get(1)));
        assertEquals(40001, p.sequenceNumber(), "RTX has its own counter");
        assertEquals((long) forwardedTs.get(1), p.timestamp());
        assertFalse(p.hasPadding(), "source padding dropped");
        assertArrayEquals(new byte[] {0x00, 0x01, (byte) 0xAA, 0x03, (byte) 0xE9, 0x10}, payload(p),
            "OSN 1 + payload of source seq 1001");
        assertEquals(Arrays.asList(true, true), sentRtx);
        assertEquals(2, r.served());
        assertEquals(2, r.missing());
    }

    @Test
    void plainResendReusesOutputNumbering() {
        NackResponder r = new NackResponder(pool, OUT_SSRC, 96, 0, -1, 0, 32);
        r.beginNack();
        assertEquals(Result.SERVED, r.respond(0, 50, forwarder.rewriter(), buffers::get, sink));
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(sent.get(0)));
        assertEquals(OUT_SSRC, p.ssrc());
        assertEquals(96, p.payloadType());
        assertEquals(0, p.sequenceNumber());
        assertEquals((long) forwardedTs.get(0), p.timestamp());
        assertArrayEquals(payloadOf(1000), payload(p));
        assertEquals(Arrays.asList(false), sentRtx);
    }

    @Test
    void suppressedWithinRttAndCappedPerNack() {
        NackResponder r = new NackResponder(pool, OUT_SSRC, 96, RTX_SSRC, 97, 0, 2);
        r.setRtt(100);
        r.beginNack();
        assertEquals(Result.SERVED, r.respond(65534, 0, forwarder.rewriter(), buffers::get, sink));
        assertEquals(Result.SUPPRESSED, r.respond(65534, 50, forwarder.rewriter(), buffers::get, sink));
        assertEquals(Result.SERVED, r.respond(65533, 50, forwarder.rewriter(), buffers::get, sink));
        assertEquals(Result.CAPPED, r.respond(65532, 50, forwarder.rewriter(), buffers::get, sink));
        r.beginNack();
        assertEquals(Result.SERVED, r.respond(65534, 100, forwarder.rewriter(), buffers::get, sink), "one RTT later");
        assertEquals(1, r.suppressed());
        assertEquals(1, r.capped());
        assertEquals(3, r.served());
    }

    @Test
    void exhaustedPoolIsCountedNotThrown() {
        BufferPool tiny = new BufferPool(1, 1600, 64, false);
        PacketBuffer held = tiny.acquire();
        NackResponder r = new NackResponder(tiny, OUT_SSRC, 96, RTX_SSRC, 97, 0, 2);
        r.beginNack();
        assertEquals(Result.NO_BUFFER, r.respond(65535, 0, forwarder.rewriter(), buffers::get, sink));
        assertEquals(1, r.noBuffer());
        held.release();
    }

    private static byte[] payload(RtpPacket p) {
        return Arrays.copyOfRange(p.array(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
}
