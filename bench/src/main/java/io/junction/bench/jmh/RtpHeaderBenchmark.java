package io.junction.bench.jmh;

import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.SeqNum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SFU's per-subscriber rewrite on a 1200-byte packet: parse the RTP header, rewrite
 * SSRC, sequence number, timestamp and payload type, and remap one-byte extension ids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpHeaderBenchmark {
    private final byte[] packet = new byte[1200];
    private final RtpPacket view = new RtpPacket();
    private final byte[] idMap = new byte[16];
    private int seq;

    @Setup
    public void setUp() {
        RtpHeader.writeFixedHeader(packet, 0, true, 96, 65000, 123_456_789L, 0xdeadbeefL);
        packet[0] |= 0x10; // X bit
        byte[] ext = {
            (byte) 0xBE, (byte) 0xDE, 0, 3,           // one-byte form, 3 words
            0x10, (byte) 0x80,                        // id 1: audio level (1 byte)
            0x22, 0x00, 0x01, 0x02,                   // id 2: abs-send-time (3 bytes)
            0x31, 0x00, 0x05,                         // id 3: transport-wide seq (2 bytes)
            0x00, 0x00, 0x00                          // padding
        };
        System.arraycopy(ext, 0, packet, 12, ext.length);
        for (int i = 28; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        idMap[1] = 1;
        idMap[2] = 3;
        idMap[3] = 5;
    }

    /** Read + rewrite; returns a value so the work cannot be eliminated. */
    @Benchmark
    public int parseAndRewrite() {
        RtpPacket p = view;
        if (!p.wrap(packet, 0, packet.length)) {
            return -1;
        }
        int s = p.sequenceNumber();
        p.setSsrc(0x11223344L);
        p.setSequenceNumber(SeqNum.add(seq++, 1));
        p.setTimestamp(p.timestamp() + 960);
        p.setPayloadType(100);
        int kept = HeaderExtensions.remapIds(p, idMap);
        // restore the ids so every invocation sees the same input
        packet[16] = 0x10;
        packet[18] = 0x22;
        packet[22] = 0x31;
        return s + kept + p.payloadLength();
    }
}
