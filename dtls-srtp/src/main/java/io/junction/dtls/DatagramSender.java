package io.junction.dtls;

/**
 * Where a {@link DtlsTransport} writes its DTLS datagrams (towards the ICE-selected pair).
 * The bytes are only valid during the call. Implementations must not block for long and must not
 * call back synchronously into another {@link DtlsTransport}'s methods that take its lock.
 */
@FunctionalInterface
public interface DatagramSender {
    /** Sends one datagram. */
    void send(byte[] buf, int off, int len);
}
