package io.junction.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive ICE-TCP (RFC 6544) on the media port's TCP number: listening sockets on the same addresses as
 * the UDP sockets, connections read by the port's I/O thread, RFC 4571 frames handed to the same demux and
 * ICE-lite responder as UDP datagrams. Bounded: connections per remote IP, frame size, and time: a
 * connection whose first frame is not a valid check, that sends a frame longer than allowed, or that stays
 * silent (no valid check within the idle timeout; later no frame for the consent timeout) is cut off
 * without affecting any other.
 */
final class IceTcp {
    private static final Logger LOG = LoggerFactory.getLogger(IceTcp.class);

    /** Why a connection was cut off. */
    enum Cut { TOO_MANY, TOO_LONG, NOT_A_CHECK, IDLE, CLOSED_BY_PEER }

    private final IcePort port;
    private final IceConfig config;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<Cut, LongAdder> cuts = new java.util.EnumMap<>(Cut.class);
    private final int tcpPort;

    /** Binds the listening sockets (same addresses as UDP, {@code tcpPort}); throws IOException if it cannot. */
    IceTcp(IcePort port, IceConfig config, List<InetSocketAddress> udpLocal, int tcpPort) throws IOException {
        this.port = port;
        this.config = config;
        for (Cut c : Cut.values()) {
            cuts.put(c, new LongAdder());
        }
        int bound = tcpPort;
        try {
            for (InetSocketAddress a : udpLocal) {
                ServerSocketChannel s = ServerSocketChannel.open();
                listeners.add(s);
                s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                s.bind(new InetSocketAddress(a.getAddress(), bound), 64);
                s.configureBlocking(false);
                bound = ((InetSocketAddress) s.getLocalAddress()).getPort();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        this.tcpPort = bound;
    }

    int localPort() {
        return tcpPort;
    }

    void register(Selector selector) throws IOException {
        for (ServerSocketChannel s : listeners) {
            s.register(selector, SelectionKey.OP_ACCEPT, this);
        }
    }

    long cuts(Cut c) {
        return cuts.get(c).sum();
    }

    int connections() {
        return connections.size();
    }

    /** I/O thread: a listening socket is ready. */
    void accept(SelectionKey key, long nowMs) {
        ServerSocketChannel server = (ServerSocketChannel) key.channel();
        for (int i = 0; i < 16; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            if (ch == null) {
                return;
            }
            InetSocketAddress remote;
            try {
                remote = (InetSocketAddress) ch.getRemoteAddress();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                closeQuietly(ch);
                continue;
            }
            if (!config.allowedNetworks().allows(remote.getAddress())) {
                port.countDrop(PortDrop.NETWORK_REJECTED);
                closeQuietly(ch);
                continue;
            }
            if (!takeSlot(remote.getAddress())) {
                cuts.get(Cut.TOO_MANY).increment();
                port.countDrop(PortDrop.OVER_LIMIT);
                closeQuietly(ch);
                continue;
            }
            TcpConnection c = new TcpConnection(ch, remote, config.tcpMaxFrameBytes(), nowMs);
            try {
                c.attach(ch.register(key.selector(), SelectionKey.OP_READ, c));
            } catch (IOException e) {
                releaseSlot(remote.getAddress());
                closeQuietly(ch);
                continue;
            }
            connections.add(c);
        }
    }

    /** I/O thread: a connection is readable or writable. */
    void ready(SelectionKey key, TcpConnection c, long nowMs) {
        if (key.isValid() && key.isWritable()) {
            c.onWritable();
        }
        if (key.isValid() && key.isReadable()) {
            switch (c.read(this::onFrame, nowMs)) {
                case OPEN -> { }
                case END_OF_STREAM -> cut(c, Cut.CLOSED_BY_PEER);
                case TOO_LONG -> {
                    port.countDrop(PortDrop.MALFORMED_TCP_FRAME);
                    cut(c, Cut.TOO_LONG);
                }
                case CUT -> cut(c, Cut.NOT_A_CHECK);
            }
        }
    }

    private void onFrame(TcpConnection c, byte[] buf, int off, int len) {
        boolean usable = port.onDatagram(c, buf, off, len, c.remote());
        if (!usable && !c.authenticated()) {
            c.requestCut(); // garbage before any valid check: cut off (counted, then closed, by ready())
        }
    }

    /** Cuts off connections that stayed silent; I/O thread, with the port's sweep. */
    void sweep(long nowMs) {
        long idle = config.tcpIdleTimeout().toMillis();
        long consent = config.consentTimeout().toMillis();
        for (TcpConnection c : connections) {
            boolean silent = c.authenticated() ? nowMs - c.lastFrameMs() > consent : nowMs - c.openedMs() > idle;
            if (silent) {
                cut(c, Cut.IDLE);
            }
        }
    }

    private void cut(TcpConnection c, Cut why) {
        if (!connections.remove(c)) {
            return;
        }
        LOG.debug("ICE-TCP {} cut off: {}", c.remote(), why);
        cuts.get(why).increment();
        c.close();
        port.unrouteAll(c.remote());
        releaseSlot(c.remote().getAddress());
    }

    private boolean takeSlot(InetAddress ip) {
        boolean[] ok = new boolean[1];
        perAddress.compute(ip, (k, n) -> {
            int cur = n == null ? 0 : n;
            if (cur >= config.tcpMaxConnectionsPerAddress()) {
                return n;
            }
            ok[0] = true;
            return cur + 1;
        });
        return ok[0];
    }

    private void releaseSlot(InetAddress ip) {
        perAddress.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    }

    void close() {
        for (TcpConnection c : connections) {
            c.close();
        }
        connections.clear();
        perAddress.clear();
        for (ServerSocketChannel s : listeners) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
