package io.junction.sfu.room;

/**
 * The sending half of a participant's transport as the forwarding core sees it: encrypts in place
 * (the buffer keeps {@code io.junction.srtp.SrtpSession#MAX_TRAILER} bytes of tailroom) and sends.
 * Called on the room's worker thread only.
 */
public interface MediaSender {
    void sendRtp(byte[] buf, int off, int len);

    /**
     * Sends a pooled RTP packet (the caller still owns and releases it). A sender may change the
     * packet's header first, growing it into the buffer's headroom (the transport-wide sequence
     * number, {@link SubscriberBandwidth}); the default sends the window as it is.
     */
    default void sendRtp(io.junction.rtp.PacketBuffer p) {
        sendRtp(p.array(), p.offset(), p.length());
    }

    void sendRtcp(byte[] buf, int off, int len);
}
