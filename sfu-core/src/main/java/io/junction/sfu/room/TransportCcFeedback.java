package io.junction.sfu.room;

import io.junction.rtp.SeqNumUnwrapper;
import io.junction.rtp.rtcp.TransportCcWriter;

/**
 * Receive side of transport-wide congestion control for one publisher
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3): records the arrival time of every
 * transport-wide sequence number and periodically reports them, so the browser's send-side
 * bandwidth estimation has the feedback it expects once {@code transport-cc} is negotiated.
 * Room worker thread only; allocation-free after construction.
 */
public final class TransportCcFeedback {
    /** Sequence numbers remembered; older unreported ones are skipped. */
    static final int WINDOW = 1024;
    /** Most packets one feedback describes before a second one is started. */
    static final int MAX_PER_FEEDBACK = 256;

    private final long[] arrivalUs = new long[WINDOW];
    private final long[] tags = new long[WINDOW];
    private final SeqNumUnwrapper unwrapper = new SeqNumUnwrapper();
    private final TransportCcWriter writer = new TransportCcWriter(MAX_PER_FEEDBACK);
    private final byte[] out = new byte[1500];
    private long nextToReport = -1;
    private long highest = -1;
    private int feedbackCount;
    private long feedbacksSent;

    public TransportCcFeedback() {
        java.util.Arrays.fill(tags, Long.MIN_VALUE);
    }

    /** A packet with transport-wide sequence number {@code seq} arrived at {@code nowUs}. */
    public void onPacket(int seq, long nowUs) {
        long ext = unwrapper.unwrap(seq & 0xFFFF);
        if (ext < 0) {
            return; // reordered to before the first packet seen: nothing to report it against
        }
        int i = (int) (ext & (WINDOW - 1));
        tags[i] = ext;
        arrivalUs[i] = nowUs;
        if (nextToReport < 0) {
            nextToReport = ext;
        }
        if (ext > highest) {
            highest = ext;
        }
    }

    /**
     * Writes and sends feedback for everything received since the last call.
     *
     * @return the number of RTCP packets sent
     */
    public int flush(long senderSsrc, long mediaSsrc, MediaSender sender) {
        if (highest < 0 || highest < nextToReport) {
            return 0;
        }
        if (highest - nextToReport >= WINDOW) {
            nextToReport = highest - WINDOW + 1; // too far behind: the oldest are forgotten
        }
        int sent = 0;
        long s = nextToReport;
        while (s <= highest) {
            long first = firstReceived(s);
            if (first < 0) {
                break; // only losses left: report them with the next received packet
            }
            writer.resetAt(senderSsrc, mediaSsrc, (int) (s & 0xFFFF), arrivalUs[slot(first)], feedbackCount & 0xFF);
            long n = s;
            while (n <= highest && n - s < MAX_PER_FEEDBACK) {
                boolean ok = received(n) ? writer.addReceivedAt(arrivalUs[slot(n)]) : writer.addLost();
                if (!ok) {
                    break;
                }
                n++;
            }
            if (n == s) {
                // A delta that does not fit 16 bits: restart the feedback at this packet.
                s = first == s ? s + 1 : first;
                continue;
            }
            int len = writer.write(out, 0);
            sender.sendRtcp(out, 0, len);
            feedbackCount++;
            feedbacksSent++;
            sent++;
            s = n;
        }
        nextToReport = s;
        return sent;
    }

    private long firstReceived(long from) {
        for (long n = from; n <= highest; n++) {
            if (received(n)) {
                return n;
            }
        }
        return -1;
    }

    private boolean received(long ext) {
        return tags[slot(ext)] == ext;
    }

    private static int slot(long ext) {
        return (int) (ext & (WINDOW - 1));
    }

    public long feedbacksSent() {
        return feedbacksSent;
    }
}
