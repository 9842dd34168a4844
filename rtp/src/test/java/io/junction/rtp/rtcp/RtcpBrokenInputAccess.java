package io.junction.rtp.rtcp;

/** Lets tests outside this package reuse the RTCP vectors and the dispatching parser. */
public final class RtcpBrokenInputAccess {
    private static final byte[][] VECTORS = {RtcpVectors.RR_SDES, RtcpVectors.SR, RtcpVectors.NACK_WRAP,
        RtcpVectors.RR_NACK, RtcpVectors.PLI, RtcpVectors.FIR, RtcpVectors.REMB, RtcpVectors.TWCC_WRAP,
        RtcpVectors.TWCC_RUN};

    private RtcpBrokenInputAccess() {
    }

    public static byte[] vector(int i) {
        return VECTORS[i % VECTORS.length];
    }

    public static void parseCompoundAndEverything(byte[] b, int len) {
        RtcpCursor c = new RtcpCursor();
        if (c.reset(b, 0, len)) {
            while (c.next()) {
                RtcpBrokenInputTest.parseEverything(b, c.offset(), c.length());
            }
        }
        RtcpBrokenInputTest.parseEverything(b, 0, len);
    }
}
