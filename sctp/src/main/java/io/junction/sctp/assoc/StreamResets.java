package io.junction.sctp.assoc;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.PacketWriter;
import io.junction.sctp.chunk.Reconfig;
import io.junction.sctp.chunk.TlvCursor;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream reconfiguration (RFC 6525), as WebRTC closes a data channel (RFC 8831 §6.7): our Outgoing
 * SSN Reset Requests (one in flight, retransmitted on RTO, §5.1.1) and our answers to the peer's
 * requests (§5.2.2 outgoing, §5.2.3 incoming, §5.2.5 add outgoing streams, as Firefox asks before
 * it opens a channel on a stream id past the count negotiated at setup; other types are denied).
 */
final class StreamResets {
    private static final Logger LOG = LoggerFactory.getLogger(StreamResets.class);
    private final LinkedHashSet<Integer> queued = new LinkedHashSet<>();
    private final ArrayDeque<long[]> responses = new ArrayDeque<>();
    private int[] inFlight;
    private long mySeq;
    private long lastTsn;
    private boolean requestDue;
    private long deadlineMs = Long.MAX_VALUE;

    private long peerSeq;
    private int lastResult = Reconfig.RESULT_PERFORMED;
    private long pendingPeerSeq = -1;
    private long pendingPeerLastTsn;
    private int[] pendingPeerStreams;

    /** Request sequence numbers start at the sender's initial TSN (RFC 6525 §3.1, §5.1.1). */
    void start(long myInitialTsn, long peerInitialTsn) {
        mySeq = myInitialTsn;
        peerSeq = peerInitialTsn;
    }

    void request(int[] streams) {
        for (int s : streams) {
            queued.add(s);
        }
    }

    /** Starts the next request if none is in flight. */
    void startNext(Outbound out) {
        if (inFlight == null && !queued.isEmpty()) {
            inFlight = queued.stream().mapToInt(Integer::intValue).toArray();
            queued.clear();
            lastTsn = out.lastAssignedTsn();
            requestDue = true;
        }
    }

    boolean hasWork() {
        return requestDue || !responses.isEmpty();
    }

    long deadline() {
        return deadlineMs;
    }

    void onTimeout(long nowMs) {
        if (inFlight != null && nowMs >= deadlineMs) {
            requestDue = true;
            deadlineMs = Long.MAX_VALUE;
        }
    }

    /** Writes due responses and the due request, each as its own RE-CONFIG chunk. */
    void write(PacketWriter w, long nowMs, long rtoMs) {
        byte[] b = w.array();
        while (!responses.isEmpty() && w.remaining() >= 16) {
            long[] r = responses.poll();
            int len = Reconfig.writeResponse(b, w.position() + ChunkCursor.HEADER, r[0], (int) r[1]);
            Reconfig.writeChunkHeader(b, w.position(), len);
            w.commit(ChunkCursor.HEADER + len);
        }
        if (requestDue && w.remaining() >= ChunkCursor.HEADER + Bytes.pad4(16 + 2 * inFlight.length)) {
            int len = Reconfig.writeOutgoingReset(b, w.position() + ChunkCursor.HEADER, mySeq, peerSeq - 1,
                    Tsn.wire(lastTsn), inFlight, inFlight.length);
            Reconfig.writeChunkHeader(b, w.position(), len);
            w.commit(ChunkCursor.HEADER + len);
            requestDue = false;
            deadlineMs = nowMs + rtoMs;
        }
    }

    /**
     * Handles a RE-CONFIG chunk. {@code incomingReset} receives streams the peer reset;
     * {@code outgoingDone} streams our reset completed for.
     */
    void onChunk(byte[] b, int off, int len, Inbound in, Outbound out, Consumer<int[]> incomingReset,
                 Consumer<int[]> outgoingDone, IntPredicate addInboundStreams) {
        TlvCursor p = new TlvCursor();
        p.reset(b, off + ChunkCursor.HEADER, len - ChunkCursor.HEADER);
        while (p.next()) {
            int at = p.offset();
            switch (p.type()) {
                case Reconfig.OUTGOING_RESET -> onOutgoingRequest(b, at, p.length(), in, incomingReset);
                case Reconfig.INCOMING_RESET -> {
                    long seq = Reconfig.sequence(b, at);
                    if (seq == peerSeq) {
                        int[] ids = streams(b, at, Reconfig.INCOMING_RESET, p.length());
                        request(ids);
                        peerSeq++;
                        lastResult = Reconfig.RESULT_NOTHING_TO_DO;
                        responses.add(new long[] {seq, Reconfig.RESULT_NOTHING_TO_DO});
                    } else {
                        answerOld(seq);
                    }
                }
                case Reconfig.RESPONSE -> onResponse(b, at, out, outgoingDone);
                case Reconfig.ADD_OUTGOING_STREAMS -> {
                    long seq = Reconfig.sequence(b, at);
                    if (seq == peerSeq) {
                        peerSeq++;
                        lastResult = addInboundStreams.test(Reconfig.newStreams(b, at))
                                ? Reconfig.RESULT_PERFORMED : Reconfig.RESULT_DENIED;
                        responses.add(new long[] {seq, lastResult});
                    } else {
                        answerOld(seq);
                    }
                }
                default -> {
                    long seq = Reconfig.sequence(b, at);
                    if (seq == peerSeq) {
                        peerSeq++;
                        lastResult = Reconfig.RESULT_DENIED;
                        responses.add(new long[] {seq, Reconfig.RESULT_DENIED});
                    } else {
                        answerOld(seq);
                    }
                }
            }
        }
    }

    private void onOutgoingRequest(byte[] b, int at, int len, Inbound in, Consumer<int[]> incomingReset) {
        long seq = Reconfig.sequence(b, at);
        if (seq != peerSeq) {
            answerOld(seq);
            return;
        }
        int[] ids = streams(b, at, Reconfig.OUTGOING_RESET, len);
        long peerLast = Reconfig.outgoingLastTsn(b, at);
        if (in.resetStreams(peerLast, ids)) {
            peerSeq++;
            lastResult = Reconfig.RESULT_PERFORMED;
            pendingPeerSeq = -1;
            responses.add(new long[] {seq, Reconfig.RESULT_PERFORMED});
            incomingReset.accept(ids);
        } else {
            pendingPeerSeq = seq;
            pendingPeerLastTsn = peerLast;
            pendingPeerStreams = ids;
            responses.add(new long[] {seq, Reconfig.RESULT_IN_PROGRESS});
        }
    }

    /** After new DATA: a peer request that was waiting for it can now be performed (§5.2.2). */
    void retryPending(Inbound in, Consumer<int[]> incomingReset) {
        if (pendingPeerSeq >= 0 && in.resetStreams(pendingPeerLastTsn, pendingPeerStreams)) {
            responses.add(new long[] {pendingPeerSeq, Reconfig.RESULT_PERFORMED});
            peerSeq++;
            lastResult = Reconfig.RESULT_PERFORMED;
            pendingPeerSeq = -1;
            incomingReset.accept(pendingPeerStreams);
        }
    }

    private void answerOld(long seq) {
        // §5.2.1: a retransmitted request gets the same answer; anything else is out of sequence
        responses.add(new long[] {seq, seq == peerSeq - 1 ? lastResult : Reconfig.RESULT_BAD_SEQUENCE});
    }

    private void onResponse(byte[] b, int at, Outbound out, Consumer<int[]> outgoingDone) {
        if (inFlight == null || Reconfig.sequence(b, at) != mySeq) {
            return;
        }
        long result = Reconfig.responseResult(b, at);
        if (result == Reconfig.RESULT_IN_PROGRESS) {
            return; // retransmitted when the timer fires (§5.1.1)
        }
        int[] done = inFlight;
        inFlight = null;
        deadlineMs = Long.MAX_VALUE;
        mySeq++;
        if (result == Reconfig.RESULT_PERFORMED || result == Reconfig.RESULT_NOTHING_TO_DO) {
            for (int s : done) {
                out.resetSsn(s);
            }
            outgoingDone.accept(done);
        } else {
            LOG.warn("peer refused the reset of streams {}: result {}", Arrays.toString(done), result);
        }
        startNext(out);
    }

    private static int[] streams(byte[] b, int at, int type, int len) {
        int n = Reconfig.streamCount(type, len);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Reconfig.stream(b, at, type, i);
        }
        return ids;
    }

    boolean isPending(int stream) {
        return queued.contains(stream) || (inFlight != null && Arrays.stream(inFlight).anyMatch(s -> s == stream));
    }
}
