package io.junction.sctp.assoc;

/** Counters of one association: packets and chunks in and out, drops by reason, recovery events. */
public final class AssociationStats {
    public long packetsIn;
    public long packetsOut;
    public long droppedMalformed;
    public long droppedChecksum;
    public long droppedPorts;
    public long droppedTag;
    public long droppedChunks;
    public long droppedState;
    public long unknownChunks;
    public long dataChunksIn;
    public long dataChunksOut;
    public long dataDropped;
    public long duplicateTsns;
    public long sacksIgnored;
    public long retransmissions;
    public long fastRetransmits;
    public long t3Expiries;
    public long messagesSent;
    public long messagesDelivered;
    public long messagesAbandoned;
    public long forwardTsnsOut;
    public long forwardTsnsIn;
    public long forgedCookies;
    public long staleCookies;
    public long heartbeatsOut;

    @Override
    public String toString() {
        return "packets in/out " + packetsIn + "/" + packetsOut + ", dropped malformed " + droppedMalformed
                + " checksum " + droppedChecksum + " ports " + droppedPorts + " tag " + droppedTag
                + " chunks " + droppedChunks + " state " + droppedState + ", data in/out " + dataChunksIn + "/"
                + dataChunksOut + " dropped " + dataDropped + " dup " + duplicateTsns + ", rtx " + retransmissions
                + " fast " + fastRetransmits + " t3 " + t3Expiries + ", messages sent/delivered/abandoned "
                + messagesSent + "/" + messagesDelivered + "/" + messagesAbandoned + ", fwd-tsn out/in "
                + forwardTsnsOut + "/" + forwardTsnsIn + ", cookies forged/stale " + forgedCookies + "/"
                + staleCookies;
    }
}
