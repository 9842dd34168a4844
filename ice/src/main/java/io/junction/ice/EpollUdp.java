package io.junction.ice;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media port's UDP sockets on netty's native epoll transport: for every address of the {@link BindPlan}
 * {@code ioThreads} sockets share the port number with SO_REUSEPORT (the kernel spreads remote addresses
 * over them by a hash of the 4-tuple, so one remote address always reaches the same socket), each read by
 * one of {@code ioThreads} I/O threads ({@code junction-media-epoll-PORT-N}). See {@link EpollUdpSocket}.
 */
final class EpollUdp implements AutoCloseable {
    /** Largest datagram received whole; a longer one is cut to this size (and fails its parser, counted). */
    static final int MAX_DATAGRAM = 4096;
    /** Datagrams one recvmmsg call reads at most. */
    static final int RECEIVE_BATCH = 16;
    /** Bytes waiting in netty's outbound buffer above which the drain drops (kernel send buffer full). */
    static final int HIGH_WATER = 4 << 20;
    /** Datagrams queued for the I/O thread per socket; a send beyond it is refused. */
    static final int MAX_QUEUED = 16384;
    /** System property: {@code false} turns UDP GSO off (default on where the kernel supports it). */
    static final String GSO_PROPERTY = "junction.udp-gso";

    private final EventLoopGroup group;
    private final List<EpollUdpSocket> sockets;

    private EpollUdp(EventLoopGroup group, List<EpollUdpSocket> sockets) {
        this.group = group;
        this.sockets = sockets;
    }

    /** Whether netty's native epoll loads here; {@link #unavailabilityCause()} says why not. */
    static boolean available() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    static String unavailabilityCause() {
        try {
            Throwable t = Epoll.unavailabilityCause();
            return t == null ? "available" : t.toString();
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    /**
     * Binds the plan: for each address {@code ioThreads} sockets on {@code port} (0 = ephemeral: the first
     * socket's number is taken by the others). Closes what it bound and throws when one bind fails.
     */
    static EpollUdp bind(IcePort port, List<BindPlan.Bind> plan, int portNumber, int bufferBytes, int ioThreads,
                         int maxQueued) throws IOException {
        return bind(port, plan, portNumber, bufferBytes, ioThreads, maxQueued, gsoWanted());
    }

    /** Whether sends use UDP GSO: the kernel supports it and {@link #GSO_PROPERTY} is not false. */
    static boolean gsoWanted() {
        return !"false".equalsIgnoreCase(System.getProperty(GSO_PROPERTY, "true"))
                && io.netty.channel.epoll.SegmentedDatagramPacket.isSupported();
    }

    static EpollUdp bind(IcePort port, List<BindPlan.Bind> plan, int portNumber, int bufferBytes, int ioThreads,
                         int maxQueued, boolean gso) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory("junction-media-epoll-" + portNumber, true), EpollIoHandler.newFactory());
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        List<EpollUdpSocket> out = new ArrayList<>();
        EpollUdp udp = new EpollUdp(group, out);
        int number = portNumber;
        try {
            for (BindPlan.Bind b : plan) {
                for (int i = 0; i < ioThreads; i++) {
                    EpollUdpSocket s = new EpollUdpSocket(port, alloc, maxQueued, gso);
                    bindOne(group, s, b.address(), number, bufferBytes, b.reuseAddress(), ioThreads > 1, alloc);
                    out.add(s);
                    number = s.local().getPort();
                }
            }
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
        return udp;
    }

    private static void bindOne(EventLoopGroup group, EpollUdpSocket s, InetAddress address, int port, int bufferBytes,
                                boolean reuseAddress, boolean reusePort, ByteBufAllocator alloc) throws IOException {
        SocketProtocolFamily family = address instanceof Inet6Address ? SocketProtocolFamily.INET6
                : SocketProtocolFamily.INET;
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory((io.netty.channel.ChannelFactory<EpollDatagramChannel>) () -> new EpollDatagramChannel(family))
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * RECEIVE_BATCH))
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER / 2, HIGH_WATER))
                .option(ChannelOption.SO_REUSEADDR, reuseAddress)
                .option(EpollChannelOption.SO_REUSEPORT, reusePort)
                .handler(s);
        if (bufferBytes > 0) {
            b.option(ChannelOption.SO_RCVBUF, bufferBytes).option(ChannelOption.SO_SNDBUF, bufferBytes);
        }
        io.netty.channel.ChannelFuture f = b.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            f.channel().close();
            Throwable t = f.cause();
            throw t instanceof IOException io ? io : new IOException("bind " + address + ":" + port + ": " + t, t);
        }
        s.bound(f.channel());
    }

    /** Whether these sockets send with UDP GSO. */
    boolean gso() {
        return !sockets.isEmpty() && sockets.get(0).gso();
    }

    List<EpollUdpSocket> sockets() {
        return sockets;
    }

    /** Closes the sockets and stops the I/O threads (waits up to a few seconds). */
    @Override
    public void close() {
        sockets.forEach(EpollUdpSocket::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
