package io.junction.bench.jmh;

import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.ReceiverReport;
import io.junction.rtp.rtcp.ReportBlock;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;
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

/** Validating and reading a compound RR (one report block) + generic NACK (two FCI entries). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtcpParseBenchmark {
    private final byte[] compound = new byte[64];
    private final RtcpCursor cursor = new RtcpCursor();
    private final int[] lost = new int[64];
    private int length;

    @Setup
    public void setUp() {
        int n = ReceiverReport.write(compound, 0, 0x2a3b4c5dL, 1);
        ReportBlock.write(compound, ReceiverReport.reportBlockOffset(0, 0), 0xdeadbeefL, 10, 5, 0x1ffffL, 32,
                0x12345678L, 65536);
        int[] seqs = {65534, 65535, 1, 100, 116};
        n += Nack.write(compound, n, 0x2a3b4c5dL, 0xdeadbeefL, seqs, 0, seqs.length);
        length = n;
    }

    @Benchmark
    public long parseCompound() {
        RtcpCursor c = cursor;
        if (!c.reset(compound, 0, length)) {
            return -1;
        }
        long sum = 0;
        while (c.next()) {
            byte[] b = c.array();
            int off = c.offset();
            int len = c.length();
            if (c.packetType() == RtcpHeader.RR && ReceiverReport.isValid(b, off, len)) {
                for (int i = 0; i < ReceiverReport.reportCount(b, off); i++) {
                    int rb = ReceiverReport.reportBlockOffset(off, i);
                    sum += ReportBlock.ssrc(b, rb) + ReportBlock.fractionLost(b, rb)
                            + ReportBlock.extendedHighestSeq(b, rb) + ReportBlock.jitter(b, rb)
                            + ReportBlock.lastSr(b, rb) + ReportBlock.delaySinceLastSr(b, rb);
                }
            } else if (Nack.isValid(b, off, len)) {
                int n = Nack.expand(b, off, len, lost);
                for (int i = 0; i < n; i++) {
                    sum += lost[i];
                }
            }
        }
        return sum;
    }
}
