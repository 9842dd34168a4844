package io.junction.ice;

import java.net.InetSocketAddress;

/**
 * One UDP socket of the media port, whichever backend reads it ({@link MediaSocket} on java.nio,
 * {@link EpollUdpSocket} on netty's native epoll): a path replies and media leave from, bound to one
 * local address of {@link BindPlan}.
 */
interface UdpSocket extends PathSender, AutoCloseable {
    /** The bound local address. */
    InetSocketAddress local();

    /** SO_RCVBUF as the kernel reports it after the request. */
    int grantedReceiveBuffer();

    /** SO_SNDBUF as the kernel reports it after the request. */
    int grantedSendBuffer();

    /** Datagrams this socket could not send (errors and a full send buffer or queue). */
    long sendErrors();

    @Override
    void close();
}
