package io.junction.sctp.assoc;

/** One DATA chunk we sent or will send, with its retransmission bookkeeping (RFC 9260 §6). */
final class OutChunk {
    /** The user message a chunk belongs to; partial reliability abandons it whole (RFC 3758 §3.5). */
    static final class Message {
        final int stream;
        final boolean ordered;
        final int ssn;
        final int maxRetransmits;
        final long expiresAtMs;
        boolean abandoned;

        Message(int stream, boolean ordered, int ssn, int maxRetransmits, long expiresAtMs) {
            this.stream = stream;
            this.ordered = ordered;
            this.ssn = ssn;
            this.maxRetransmits = maxRetransmits;
            this.expiresAtMs = expiresAtMs;
        }
    }

    final long tsn;
    final Message msg;
    final long ppid;
    final int flags;
    final byte[] data;
    final int off;
    final int len;

    int sendCount;
    long lastSentMs;
    /** Acknowledged by a gap block (or the cumulative ack, when it leaves the queue). */
    boolean acked;
    /** Counted in the flight size. */
    boolean inFlight;
    /** Marked for retransmission (T3 expiry or fast retransmit). */
    boolean retransmit;
    boolean fastRetransmitted;
    int missingReports;
    /** Its bytes were released from the buffered amount (acked or abandoned). */
    boolean released;

    OutChunk(long tsn, Message msg, long ppid, int flags, byte[] data, int off, int len) {
        this.tsn = tsn;
        this.msg = msg;
        this.ppid = ppid;
        this.flags = flags;
        this.data = data;
        this.off = off;
        this.len = len;
    }

    boolean settled() {
        return acked || msg.abandoned;
    }
}
