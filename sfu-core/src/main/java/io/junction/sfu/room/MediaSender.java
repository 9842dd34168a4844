package io.junction.sfu.room;

/**
 * The sending half of a participant's transport as the forwarding core sees it: encrypts in place
 * (the buffer keeps {@code io.junction.srtp.SrtpSession#MAX_TRAILER} bytes of tailroom) and sends.
 * Called on the room's worker thread only.
 */
public interface MediaSender {
    void sendRtp(byte[] buf, int off, int len);

    void sendRtcp(byte[] buf, int off, int len);
}
