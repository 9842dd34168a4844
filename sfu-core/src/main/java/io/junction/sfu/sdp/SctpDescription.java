package io.junction.sfu.sdp;

/**
 * The data-channel parameters of an {@code m=application ... UDP/DTLS/SCTP webrtc-datachannel}
 * section (RFC 8841 §4-6). The parser has already checked the attribute values
 * ({@link MediaAttributeParser}); this reads them with the RFC's defaults.
 *
 * @param sctpPort       {@code a=sctp-port} (RFC 8841 §5), 5000 when absent
 * @param maxMessageSize {@code a=max-message-size} (RFC 8841 §6), 65536 when absent; 0 means no limit
 */
public record SctpDescription(int sctpPort, long maxMessageSize) {
    /** The fmt of a WebRTC data section (RFC 8841 §4.1). */
    public static final String FORMAT = "webrtc-datachannel";
    /** The default SCTP port (RFC 8841 §5.1; what browsers use). */
    public static final int DEFAULT_PORT = 5000;
    /** The default when {@code a=max-message-size} is absent (RFC 8841 §6.1). */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    /** The largest message the server takes from a participant: 256 KiB. */
    public static final long SERVER_MAX_MESSAGE_SIZE = 256 * 1024;
    /**
     * Room kept for the sender envelope (docs/PROTOCOL.md, "Data channels"): a relayed message is
     * the sender's message plus its envelope, and must still fit the receiver's
     * {@code a=max-message-size}, 262144 for Chromium.
     */
    public static final long ENVELOPE_RESERVE = 1024;
    /**
     * What the server advertises in {@code a=max-message-size}: 256 KiB less the envelope reserve,
     * so that any binary message a participant may send, wrapped, fits a 256 KiB receiver (and
     * browsers refuse larger ones in {@code send()} instead of losing them silently).
     */
    public static final long ADVERTISED_MAX_MESSAGE_SIZE = SERVER_MAX_MESSAGE_SIZE - ENVELOPE_RESERVE;
    /** Largest a=max-message-size value accepted (unsigned 32-bit). */
    static final long MAX_MESSAGE_SIZE_LIMIT = 0xFFFFFFFFL;

    /** True for an SCTP-over-DTLS data section (kind application, proto .../DTLS/SCTP, fmt webrtc-datachannel). */
    public static boolean isDataSection(MediaDescription m) {
        return m.kind().equals("application") && m.proto().endsWith("DTLS/SCTP") && m.formats().contains(FORMAT);
    }

    /** The section's parameters, with defaults for absent attributes. */
    public static SctpDescription of(MediaDescription m) {
        int port = DEFAULT_PORT;
        long max = DEFAULT_MAX_MESSAGE_SIZE;
        for (String a : m.otherAttributes()) {
            if (a.startsWith("sctp-port:")) {
                port = Integer.parseInt(a.substring("sctp-port:".length()));
            } else if (a.startsWith("max-message-size:")) {
                max = Long.parseLong(a.substring("max-message-size:".length()));
            }
        }
        return new SctpDescription(port, max);
    }

    /** The first data section in use (not rejected) of a description, or null when there is none. */
    public static SctpDescription find(SessionDescription d) {
        for (MediaDescription m : d.media()) {
            if (!m.isRejected() && isDataSection(m)) {
                return of(m);
            }
        }
        return null;
    }

    /**
     * The size limit for messages we send: the peer's {@code a=max-message-size} (0: no limit) capped
     * at 256 KiB.
     */
    public long sendLimit() {
        return maxMessageSize == 0 ? SERVER_MAX_MESSAGE_SIZE : Math.min(maxMessageSize, SERVER_MAX_MESSAGE_SIZE);
    }
}
