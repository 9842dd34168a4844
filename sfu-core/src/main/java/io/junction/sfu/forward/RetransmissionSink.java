package io.junction.sfu.forward;

import io.junction.rtp.PacketBuffer;

/** Receives retransmissions built by {@link NackResponder}; takes ownership of the buffer. */
@FunctionalInterface
public interface RetransmissionSink {
    /**
     * @param packet a complete RTP packet (plain resend or RFC 4588 RTX), to encrypt and send,
     *               then release
     * @param rtx    true if it is an RTX packet on the RTX SSRC
     */
    void send(PacketBuffer packet, boolean rtx);
}
