package io.junction.ice;

import java.net.InetSocketAddress;

/** Where a session's replies and media leave: a UDP socket of the port, or one ICE-TCP connection. */
interface PathSender {
    /** Sends one datagram (framed on TCP, RFC 4571); false (counted by the sender) when it cannot. */
    boolean send(byte[] buf, int off, int len, InetSocketAddress to);

    /** As {@link #send(byte[], int, int, InetSocketAddress)} for a whole array. */
    default boolean send(byte[] datagram, InetSocketAddress to) {
        return send(datagram, 0, datagram.length, to);
    }
}
