package io.junction.sctp.dcep;

import java.nio.charset.StandardCharsets;

/**
 * How a data channel is opened (RFC 8832 §5.1, the W3C RTCDataChannelInit): ordered or not, at
 * most one partial-reliability limit (-1 means none), sub-protocol, and for negotiated channels
 * the pre-agreed stream id (no DCEP exchange, RFC 8832 §4).
 *
 * @param ordered             in-order delivery
 * @param maxRetransmits      -1 or 0..65535 retransmissions
 * @param maxPacketLifeTimeMs -1 or 0..4294967295 ms
 * @param protocol            sub-protocol name, at most 65535 UTF-8 bytes
 * @param negotiated          true when both sides open the channel themselves on {@code id}
 * @param id                  stream id 0..65534 when negotiated, else -1 (chosen by parity)
 * @param priority            DCEP priority (RFC 8832 §5.1), 0..65535
 */
public record ChannelOptions(boolean ordered, int maxRetransmits, long maxPacketLifeTimeMs, String protocol,
                             boolean negotiated, int id, int priority) {
    public static final ChannelOptions RELIABLE = new ChannelOptions(true, -1, -1, "", false, -1, 256);

    public ChannelOptions {
        if (maxRetransmits < -1 || maxRetransmits > 65535) {
            throw new IllegalArgumentException("maxRetransmits must be -1 or 0..65535, was " + maxRetransmits);
        }
        if (maxPacketLifeTimeMs < -1 || maxPacketLifeTimeMs > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("maxPacketLifeTimeMs must be -1 or 0..4294967295, was "
                    + maxPacketLifeTimeMs);
        }
        if (maxRetransmits >= 0 && maxPacketLifeTimeMs >= 0) {
            throw new IllegalArgumentException("set maxRetransmits or maxPacketLifeTimeMs, not both");
        }
        if (protocol == null || protocol.getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw new IllegalArgumentException("protocol must be a string of at most 65535 UTF-8 bytes");
        }
        if (negotiated ? id < 0 || id > 65534 : id != -1) {
            throw new IllegalArgumentException("id must be 0..65534 for a negotiated channel and -1 otherwise, was "
                    + id);
        }
        if (priority < 0 || priority > 65535) {
            throw new IllegalArgumentException("priority must be 0..65535, was " + priority);
        }
    }

    public ChannelOptions unordered() {
        return new ChannelOptions(false, maxRetransmits, maxPacketLifeTimeMs, protocol, negotiated, id, priority);
    }

    public ChannelOptions withMaxRetransmits(int n) {
        return new ChannelOptions(ordered, n, -1, protocol, negotiated, id, priority);
    }

    public ChannelOptions withMaxPacketLifeTime(long ms) {
        return new ChannelOptions(ordered, -1, ms, protocol, negotiated, id, priority);
    }

    public ChannelOptions withProtocol(String p) {
        return new ChannelOptions(ordered, maxRetransmits, maxPacketLifeTimeMs, p, negotiated, id, priority);
    }

    public ChannelOptions negotiatedId(int streamId) {
        return new ChannelOptions(ordered, maxRetransmits, maxPacketLifeTimeMs, protocol, true, streamId, priority);
    }
}
