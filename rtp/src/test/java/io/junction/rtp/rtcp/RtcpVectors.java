package io.junction.rtp.rtcp;

import io.junction.rtp.Hex;

/** Annotated RTCP test vectors. */
final class RtcpVectors {
    private RtcpVectors() {
    }

    /** Chrome-style compound: RR with one report block, then SDES with a 16-char CNAME. */
    static final byte[] RR_SDES = Hex.parse("""
            81 c9 0007   # V=2 P=0 RC=1, PT=201 (RR), length 7 words (32 bytes)
            2a3b4c5d     # reporter SSRC
            deadbeef     # block: source SSRC
            0a           #   fraction lost 10/256
            000005       #   cumulative lost 5
            0001ffff     #   extended highest seq: 1 cycle, seq 65535
            00000020     #   jitter 32
            12345678     #   LSR
            00010000     #   DLSR 1 s
            81 ca 0006   # V=2 SC=1, PT=202 (SDES), length 6 words (28 bytes)
            2a3b4c5d     # chunk SSRC
            01 10        # CNAME, 16 bytes
            7635596c3849447733 6f4559 6e365847  # "v5Yl8IDw3oEYn6XG"
            00 00        # terminating null item + padding to a word
            """);

    /** SR with no report blocks, as a sending browser emits next to SDES. */
    static final byte[] SR = Hex.parse("""
            80 c8 0006   # V=2 RC=0, PT=200 (SR), length 6 words (28 bytes)
            11223344     # sender SSRC
            e8f4a5b6     # NTP seconds
            80000000     # NTP fraction (0.5 s)
            00bc614e     # RTP timestamp 12345678
            000003e8     # packet count 1000
            000f4240     # octet count 1000000
            """);

    /** Generic NACK (RFC 4585 §6.2.1) for 65534, 65535 and 1: PID 65534, BLP bits 0 and 2. */
    static final byte[] NACK_WRAP = Hex.parse("""
            81 cd 0003   # V=2 FMT=1, PT=205 (RTPFB), length 3 words (16 bytes)
            2a3b4c5d     # sender SSRC
            deadbeef     # media source SSRC
            fffe 0005    # PID 65534, BLP 0b101: 65535 and 1 (across the wrap)
            """);

    /** Compound RR (no blocks) + NACK with two entries, as used by the benchmark. */
    static final byte[] RR_NACK = Hex.parse("""
            80 c9 0001   # RR, RC=0, length 1 (8 bytes)
            2a3b4c5d     # reporter SSRC
            81 cd 0004   # NACK, length 4 (20 bytes)
            2a3b4c5d     # sender SSRC
            deadbeef     # media source SSRC
            fffe 0005    # 65534, 65535, 1
            0064 8000    # 100 and 116
            """);

    /** PLI (RFC 4585 §6.3.1). */
    static final byte[] PLI = Hex.parse("""
            81 ce 0002   # V=2 FMT=1, PT=206 (PSFB), length 2 (12 bytes)
            2a3b4c5d     # sender SSRC
            deadbeef     # media source SSRC
            """);

    /** FIR (RFC 5104 §4.3.1) with one entry. */
    static final byte[] FIR = Hex.parse("""
            84 ce 0004   # V=2 FMT=4, PT=206, length 4 (20 bytes)
            2a3b4c5d     # sender SSRC
            00000000     # media source SSRC: 0 for FIR
            deadbeef     # FCI: target SSRC
            07 000000    # command sequence number 7, reserved
            """);

    /** REMB (draft-alvestrand-rmcat-remb-03) of 1 Mbit/s for one SSRC. */
    static final byte[] REMB = Hex.parse("""
            8f ce 0005   # V=2 FMT=15, PT=206, length 5 (24 bytes)
            2a3b4c5d     # sender SSRC
            00000000     # media source SSRC: 0
            52454d42     # "REMB"
            01           # 1 SSRC
            0bd090       # exp 2, mantissa 250000: 1000000 bit/s
            deadbeef     # SSRC
            """);

    /** TWCC feedback for 65533..2 crossing the wrap, one 2-bit status vector, padded. */
    static final byte[] TWCC_WRAP = Hex.parse("""
            af cd 0006   # V=2 P=1 FMT=15, PT=205, length 6 (28 bytes)
            2a3b4c5d     # sender SSRC
            deadbeef     # media source SSRC
            fffd 0006    # base seq 65533, 6 packets
            000102 05    # reference time 258 (x64 ms), feedback count 5
            d190         # 2-bit vector: recv-small, lost, recv-small, recv-large, recv-small, lost
            04           # 65533: +1 ms
            10           # 65535: +4 ms
            ffff         # 0: -0.25 ms (large/negative)
            ff           # 1: +63.75 ms
            01           # RFC 3550 padding: 1 byte
            """);

    /** TWCC with a run-length chunk (14 received) and a 1-bit vector, as Chrome emits. */
    static final byte[] TWCC_RUN = Hex.parse("""
            8f cd 0009   # V=2 P=0 FMT=15, PT=205, length 9 (40 bytes)
            2a3b4c5d     # sender SSRC
            deadbeef     # media source SSRC
            0064 0011    # base seq 100, 17 packets
            fffffe 00    # reference time -2, feedback count 0
            200e         # run length: 14 x recv-small
            9000         # 1-bit vector: lost, recv-small, lost (3 used of 14)
            01010101010101 01010101010101  # 14 small deltas of 1 tick
            00           # delta for 115: 0 ticks
            00           # zero padding to a word (draft §3.1 style, P bit clear)
            """);
}
