package io.junction.sfu.bwe;

import io.junction.rtp.rtcp.TransportCc;
import io.junction.rtp.rtcp.TransportCcReader;

/**
 * Matches one parsed transport-wide CC feedback ({@link TransportCcReader}) against the
 * {@link SentPacketHistory} and fills a {@link PacketFeedbackBatch} with what is new:
 * packets acknowledged for the first time and packets reported lost for the first time.
 * Duplicated or overlapping feedback adds nothing twice; sequence numbers the history does
 * not know (never sent, or too old) are counted and skipped.
 *
 * <p>The reference time (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: signed
 * 24 bits of 64 ms) is unwrapped across feedbacks so arrival times stay on one continuous
 * receiver clock. Room worker only; no allocation after construction.
 */
public final class FeedbackMatcher {
    private static final long UNIT_US = TransportCc.REFERENCE_TIME_UNIT_US;

    private boolean started;
    private int lastReference;
    private long unwrappedReference;
    private long unknown;
    private long duplicates;
    private long overflow;

    /**
     * Visits every packet of {@code reader} (already {@code reset} on a valid feedback) and
     * fills {@code out}.
     */
    public void match(TransportCcReader reader, SentPacketHistory history, PacketFeedbackBatch out) {
        out.clear();
        int ref = reader.referenceTime();
        if (!started) {
            started = true;
            unwrappedReference = ref;
        } else {
            unwrappedReference += ((ref - lastReference) << 8) >> 8; // signed 24-bit difference
        }
        lastReference = ref;
        long shiftUs = (unwrappedReference - ref) * UNIT_US;
        while (reader.next()) {
            int slot = history.slotOf(reader.sequenceNumber());
            if (slot < 0) {
                unknown++;
                continue;
            }
            byte state = history.state(slot);
            if (reader.received()) {
                if (state == SentPacketHistory.ACKED) {
                    duplicates++;
                    continue;
                }
                history.setState(slot, SentPacketHistory.ACKED);
                if (!out.add(history.sendTimeUs(slot), reader.arrivalTimeUs() + shiftUs, history.size(slot),
                        history.cluster(slot))) {
                    overflow++;
                }
            } else if (state == SentPacketHistory.SENT) {
                history.setState(slot, SentPacketHistory.LOST);
                out.lost++;
            } else {
                duplicates++;
            }
        }
    }

    /** Feedback entries for sequence numbers the history did not know. */
    public long unknown() {
        return unknown;
    }

    /** Feedback entries that repeated what an earlier feedback said. */
    public long duplicates() {
        return duplicates;
    }

    /** Acknowledged packets dropped because one feedback held more than the batch capacity. */
    public long overflow() {
        return overflow;
    }
}
