package io.junction.sctp.chunk;

/**
 * RE-CONFIG chunk parameters (RFC 6525 §4): Outgoing SSN Reset Request (§4.1), Incoming SSN
 * Reset Request (§4.2), SSN/TSN Reset Request (§4.3), Re-configuration Response (§4.4), Add
 * Outgoing/Incoming Streams (§4.5, §4.6). Offsets are of the parameter header.
 */
public final class Reconfig {
    public static final int OUTGOING_RESET = 13;
    public static final int INCOMING_RESET = 14;
    public static final int SSN_TSN_RESET = 15;
    public static final int RESPONSE = 16;
    public static final int ADD_OUTGOING_STREAMS = 17;
    public static final int ADD_INCOMING_STREAMS = 18;

    /** Re-configuration Response results (RFC 6525 §4.4). */
    public static final int RESULT_NOTHING_TO_DO = 0;
    public static final int RESULT_PERFORMED = 1;
    public static final int RESULT_DENIED = 2;
    public static final int RESULT_WRONG_SSN = 3;
    public static final int RESULT_ALREADY_IN_PROGRESS = 4;
    public static final int RESULT_BAD_SEQUENCE = 5;
    public static final int RESULT_IN_PROGRESS = 6;

    private Reconfig() {
    }

    /** Checks the fixed size of each known parameter type; unknown types pass (§5.2: reported). */
    public static boolean isValidParam(int type, int len) {
        return switch (type) {
            case OUTGOING_RESET -> len >= 16 && (len - 16) % 2 == 0;
            case INCOMING_RESET -> len >= 8 && (len - 8) % 2 == 0;
            case SSN_TSN_RESET -> len == 8;
            case RESPONSE -> len == 12 || len == 20;
            case ADD_OUTGOING_STREAMS, ADD_INCOMING_STREAMS -> len == 12;
            default -> true;
        };
    }

    /** A RE-CONFIG chunk holds one or two well-framed, well-sized parameters (§3.1). */
    public static boolean isValid(byte[] b, int off, int len) {
        TlvCursor c = new TlvCursor();
        if (!c.reset(b, off + ChunkCursor.HEADER, len - ChunkCursor.HEADER)) {
            return false;
        }
        int n = 0;
        while (c.next()) {
            if (!isValidParam(c.type(), c.length())) {
                return false;
            }
            n++;
        }
        return n >= 1 && n <= 2;
    }

    /** Request sequence of types 13-15, 17, 18; response sequence of type 16. */
    public static long sequence(byte[] b, int param) {
        return Bytes.u32(b, param + 4);
    }

    /** Outgoing reset: the Re-configuration Response Sequence Number. */
    public static long outgoingResponseSeq(byte[] b, int param) {
        return Bytes.u32(b, param + 8);
    }

    /** Outgoing reset: the sender's last assigned TSN. */
    public static long outgoingLastTsn(byte[] b, int param) {
        return Bytes.u32(b, param + 12);
    }

    /** Number of stream ids in an outgoing (13) or incoming (14) reset request. */
    public static int streamCount(int type, int len) {
        return (len - (type == OUTGOING_RESET ? 16 : 8)) / 2;
    }

    public static int stream(byte[] b, int param, int type, int i) {
        return Bytes.u16(b, param + (type == OUTGOING_RESET ? 16 : 8) + 2 * i);
    }

    /** Add Outgoing/Incoming Streams request (RFC 6525 §4.5, §4.6): the number of new streams. */
    public static int newStreams(byte[] b, int param) {
        return Bytes.u16(b, param + 8);
    }

    public static long responseResult(byte[] b, int param) {
        return Bytes.u32(b, param + 8);
    }

    /** Writes a RE-CONFIG chunk header for a body of {@code bodyLen} bytes (params, padded). */
    public static void writeChunkHeader(byte[] b, int at, int bodyLen) {
        b[at] = (byte) ChunkType.RE_CONFIG;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, ChunkCursor.HEADER + bodyLen);
    }

    /** Writes an Outgoing SSN Reset Request; returns the unpadded parameter length. */
    public static int writeOutgoingReset(byte[] b, int at, long reqSeq, long respSeq, long lastTsn,
                                         int[] streams, int count) {
        int len = 16 + 2 * count;
        Bytes.put16(b, at, OUTGOING_RESET);
        Bytes.put16(b, at + 2, len);
        Bytes.put32(b, at + 4, reqSeq);
        Bytes.put32(b, at + 8, respSeq);
        Bytes.put32(b, at + 12, lastTsn);
        for (int i = 0; i < count; i++) {
            Bytes.put16(b, at + 16 + 2 * i, streams[i]);
        }
        return len;
    }

    /** Writes an Incoming SSN Reset Request; returns the unpadded parameter length. */
    public static int writeIncomingReset(byte[] b, int at, long reqSeq, int[] streams, int count) {
        int len = 8 + 2 * count;
        Bytes.put16(b, at, INCOMING_RESET);
        Bytes.put16(b, at + 2, len);
        Bytes.put32(b, at + 4, reqSeq);
        for (int i = 0; i < count; i++) {
            Bytes.put16(b, at + 8 + 2 * i, streams[i]);
        }
        return len;
    }

    /** Writes a Re-configuration Response without the optional TSN fields (12 bytes). */
    public static int writeResponse(byte[] b, int at, long respSeq, int result) {
        Bytes.put16(b, at, RESPONSE);
        Bytes.put16(b, at + 2, 12);
        Bytes.put32(b, at + 4, respSeq);
        Bytes.put32(b, at + 8, result);
        return 12;
    }
}
