package io.junction.sctp.assoc;

/** Where an association's outgoing packets go (the DTLS layer, RFC 8261). */
@FunctionalInterface
public interface PacketSink {
    /**
     * One complete SCTP packet. The array is reused after the call returns: consume or copy it
     * synchronously (DTLS encrypts it into its own record).
     */
    void send(byte[] packet, int off, int len);
}
