package io.junction.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The media port's UDP sockets on the backend {@link IceConfig#mediaIo()} resolves to: java.nio
 * {@link MediaSocket}s (read by {@link MediaIo}'s selector) or netty epoll sockets ({@link EpollUdp}, read by
 * their own I/O threads). One socket per {@link BindPlan} address (epoll: {@link IceConfig#ioThreads()} per
 * address sharing the port with SO_REUSEPORT), all on one port number.
 */
final class UdpSockets implements AutoCloseable {
    private final MediaIoBackend backend;
    private final List<? extends UdpSocket> sockets;
    private final List<MediaSocket> nio;
    private final EpollUdp epoll;

    private UdpSockets(MediaIoBackend backend, List<? extends UdpSocket> sockets, List<MediaSocket> nio, EpollUdp epoll) {
        this.backend = backend;
        this.sockets = sockets;
        this.nio = nio;
        this.epoll = epoll;
    }

    /** Binds {@code plan} on the configured backend; UncheckedIOException (nothing left bound) if it cannot. */
    static UdpSockets bind(IcePort port, IceConfig config, List<BindPlan.Bind> plan) {
        boolean wantsEpoll = config.mediaIo() != MediaIoBackend.NIO;
        MediaIoBackend backend = MediaIoBackend.resolve(config.mediaIo(), wantsEpoll && EpollUdp.available(),
                wantsEpoll ? EpollUdp.unavailabilityCause() : "");
        try {
            if (backend == MediaIoBackend.EPOLL) {
                EpollUdp e = EpollUdp.bind(port, plan, config.port(), config.socketBufferBytes(), config.ioThreads(),
                        EpollUdp.MAX_QUEUED);
                return new UdpSockets(backend, e.sockets(), List.of(), e);
            }
            List<MediaSocket> out = new ArrayList<>();
            int number = config.port();
            try {
                for (BindPlan.Bind b : plan) {
                    MediaSocket s = MediaSocket.bind(b.address(), number, config.socketBufferBytes(), b.reuseAddress());
                    out.add(s);
                    number = s.local().getPort(); // an ephemeral port: the others take the same number
                }
            } catch (IOException e) {
                out.forEach(MediaSocket::close);
                throw e;
            }
            return new UdpSockets(backend, List.copyOf(out), List.copyOf(out), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind media port " + config.bindAddress() + ":" + config.port()
                    + " (" + plan + ", " + backend.name().toLowerCase(Locale.ROOT) + ")", e);
        }
    }

    /** NIO or EPOLL, never AUTO. */
    MediaIoBackend backend() {
        return backend;
    }

    /** Every socket. */
    List<? extends UdpSocket> all() {
        return sockets;
    }

    /** The sockets {@link MediaIo}'s selector reads (empty on epoll). */
    List<MediaSocket> nio() {
        return nio;
    }

    /** The bound addresses, each once (SO_REUSEPORT sockets share one). */
    List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (UdpSocket s : sockets) {
            if (!out.contains(s.local())) {
                out.add(s.local());
            }
        }
        return out;
    }

    /** The one line logged at start: which backend runs and how. */
    String describe(IceConfig config) {
        String b = backend.name().toLowerCase(Locale.ROOT);
        String asked = config.mediaIo().name().toLowerCase(Locale.ROOT);
        return backend == MediaIoBackend.EPOLL
                ? b + " (asked " + asked + "; recvmmsg up to " + EpollUdp.RECEIVE_BATCH + ", sendmmsg batches up to "
                        + EpollUdpSocket.FLUSH_EVERY + ", UDP GSO " + (epoll.gso() ? "on" : "off") + ", "
                        + config.ioThreads() + " receive socket(s) per address)"
                : b + " (asked " + asked + (wantedEpollButMissing(config) ? "; native epoll not available: "
                        + EpollUdp.unavailabilityCause() : "") + ")";
    }

    private static boolean wantedEpollButMissing(IceConfig config) {
        return config.mediaIo() == MediaIoBackend.AUTO;
    }

    /** Datagrams the sockets could not send. */
    long sendErrors() {
        long n = 0;
        for (UdpSocket s : sockets) {
            n += s.sendErrors();
        }
        return n;
    }

    @Override
    public void close() {
        if (epoll != null) {
            epoll.close();
        } else {
            nio.forEach(MediaSocket::close);
        }
    }
}
