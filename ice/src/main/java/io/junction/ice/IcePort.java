package io.junction.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import io.junction.rtp.PacketClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Junction's media port: the UDP sockets of {@link BindPlan} (one port number) on the backend of
 * {@link IceConfig#mediaIo()} ({@link UdpSockets}: read by {@link MediaIo}'s thread on nio, by netty's epoll
 * I/O threads on epoll), and the ICE-lite sessions ({@link LiteTransport}) it routes to. Every datagram is
 * classified (RFC 7983 §7): STUN goes to the responder ({@link LiteResponder}), whose USERNAME picks the
 * session; DTLS and SRTP/SRTCP are routed by remote address to the session that address passed a valid
 * check for; anything else is dropped. Every drop is counted by {@link PortDrop}.
 */
public final class IcePort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IcePort.class);

    private final IceConfig config;
    private final LongSupplier clock;
    private final UdpSockets udp;
    private final List<? extends UdpSocket> sockets;
    private final List<String> announced;
    private final List<Candidate> candidates;
    private final MediaIo io;
    private final IceTcp tcp;
    private final Map<PortDrop, LongAdder> drops = new EnumMap<>(PortDrop.class);
    private final Map<String, LiteResponder.Registration<LiteTransport>> ufrags = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, LiteTransport> routes = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> halfOpen = new ConcurrentHashMap<>();
    private final Set<LiteTransport> live = ConcurrentHashMap.newKeySet();
    private final LongAdder candidatesOutsideNetworks = new LongAdder();
    private volatile boolean closed;

    /** Binds the media port; throws UncheckedIOException if it cannot. */
    public IcePort(IceConfig config) {
        this(config, System::currentTimeMillis);
    }

    /** As {@link #IcePort(IceConfig)} with the clock consent and connect timeouts are measured on (tests). */
    IcePort(IceConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clock = clockMs;
        for (PortDrop d : PortDrop.values()) {
            drops.put(d, new LongAdder());
        }
        this.announced = config.announcedAddresses().isEmpty() ? HostCandidates.interfaceAddresses() : config.announcedAddresses();
        // ice4j reads its configuration once per JVM, on first use of its classes: its properties (AWS probe
        // off above all) must be set before the warm-up, for the clients that may share this JVM
        Ice4jSetup.apply();
        LiteResponder.warmUp(); // ice4j's STUN classes loaded now, not on the first check
        this.udp = UdpSockets.bind(this, config,
                BindPlan.plan(config.bindAddress(), announced, HostCandidates::isLocalAddress));
        this.sockets = udp.all();
        this.tcp = config.tcp() ? bindTcp(config, udp) : null;
        this.candidates = HostCandidates.of(announced, localPort(), tcp == null ? -1 : tcp.localPort());
        try {
            this.io = new MediaIo(this, udp.nio(), localPort(), tcp, clockMs);
        } catch (IOException e) {
            udp.close();
            if (tcp != null) {
                tcp.close();
            }
            throw new UncheckedIOException("cannot start the media port's I/O thread", e);
        }
        UdpSocket first = sockets.get(0);
        LOG.info("media port UDP {} on {}; media I/O {}; socket buffers requested {} B, granted receive {} B, send {} B",
                localPort(), udp.addresses(), udp.describe(config), config.socketBufferBytes(),
                first.grantedReceiveBuffer(), first.grantedSendBuffer());
    }

    /**
     * Passive ICE-TCP on the media port's number (or {@link IceConfig#tcpPort()}) on the UDP sockets'
     * addresses; a port that cannot be bound leaves the server UDP-only (logged), never unable to start.
     */
    private IceTcp bindTcp(IceConfig config, UdpSockets udp) {
        int want = config.tcpPort() == 0 ? udp.all().get(0).local().getPort() : config.tcpPort();
        try {
            return new IceTcp(this, config, udp.addresses(), want);
        } catch (IOException e) {
            LOG.warn("ICE-TCP disabled: cannot listen on TCP {} ({})", want, e.toString());
            return null;
        }
    }

    /** The ICE-TCP listening port, or -1 when ICE-TCP is off. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.localPort();
    }

    /** Open ICE-TCP connections (0 when ICE-TCP is off). */
    public int tcpConnections() {
        return tcp == null ? 0 : tcp.connections();
    }

    /** ICE-TCP connections cut off for {@code why} (tests, diagnostics). */
    long tcpCuts(IceTcp.Cut why) {
        return tcp == null ? 0 : tcp.cuts(why);
    }

    /** The bound UDP port. */
    public int localPort() {
        return sockets.get(0).local().getPort();
    }

    /** The addresses announced as host candidates. */
    public List<String> announcedAddresses() {
        return announced;
    }

    /** The bound local socket addresses (one per announced local address, see {@link BindPlan}). */
    public List<InetSocketAddress> boundAddresses() {
        return udp.addresses();
    }

    /** The UDP I/O that runs ({@link MediaIoBackend#NIO} or {@link MediaIoBackend#EPOLL}, never AUTO). */
    public MediaIoBackend mediaIo() {
        return udp.backend();
    }

    /** Datagrams the port's sockets could not send (send buffer or queue full, socket errors), all sessions. */
    public long socketSendErrors() {
        return udp.sendErrors();
    }

    /** SO_RCVBUF the kernel granted the media sockets (as it reports it; Linux doubles the kept size). */
    public int grantedReceiveBuffer() {
        return sockets.get(0).grantedReceiveBuffer();
    }

    /** SO_SNDBUF the kernel granted the media sockets. */
    public int grantedSendBuffer() {
        return sockets.get(0).grantedSendBuffer();
    }

    /** Datagrams the kernel dropped on this port ({@code /proc/net/udp[6]} drops column), -1 if unknown. */
    public long kernelDrops() {
        return KernelUdpDrops.read(localPort());
    }

    /** Drops at the port so far, by reason. */
    public Map<PortDrop, Long> drops() {
        Map<PortDrop, Long> out = new EnumMap<>(PortDrop.class);
        drops.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Drops of one reason. */
    public long drops(PortDrop reason) {
        return drops.get(reason).sum();
    }

    /** Checks whose USERNAME named no session (dropped). */
    public long rejectedStunRequests() {
        return drops(PortDrop.UNKNOWN_UFRAG);
    }

    /** Datagrams from unknown addresses outside {@link IceConfig#allowedNetworks()} (dropped). */
    public long rejectedByNetwork() {
        return drops(PortDrop.NETWORK_REJECTED);
    }

    /** Remote candidates ignored because they lie outside {@link IceConfig#allowedNetworks()}. */
    public long candidatesOutsideAllowedNetworks() {
        return candidatesOutsideNetworks.sum();
    }

    /** STUN datagrams dropped because they failed {@link StunFraming} or ice4j's decoder. */
    public long malformedStun() {
        return drops(PortDrop.MALFORMED_STUN);
    }

    /** Sessions created and not yet closed or failed. */
    public int liveTransports() {
        return live.size();
    }

    /** Sessions holding a half-open slot (a valid check made their path, DTLS not done yet). */
    public int halfOpenTransports() {
        int n = 0;
        for (int v : halfOpen.values()) {
            n += v;
        }
        return n;
    }

    /** Remote addresses routed to a session now. */
    public int routedAddresses() {
        return routes.size();
    }

    /**
     * A new server-side ICE-lite session (always controlled, RFC 8445 §6.1.1). Allocates no socket and no
     * thread; its credentials are registered when first read ({@link IceTransport#localCredentials()}).
     */
    public IceTransport createServerTransport(IceTransport.Listener l) {
        if (closed) {
            throw new IllegalStateException("IcePort is closed");
        }
        LiteTransport t = new LiteTransport(this, l, config.connectTimeout().toMillis(),
                config.consentTimeout().toMillis(),
                new CandidateFilter(config.allowedNetworks(), candidatesOutsideNetworks));
        live.add(t);
        return t;
    }

    /** Closes every session, the sockets and the I/O thread. */
    @Override
    public void close() {
        closed = true;
        for (LiteTransport t : List.copyOf(live)) {
            t.close();
        }
        io.close();
        udp.close();
        if (tcp != null) {
            tcp.close();
        }
    }

    // ---- the I/O thread's entry points ----

    /**
     * One datagram (or ICE-TCP frame) from {@code from} via {@code socket}; {@code buf} is reused after the
     * call. True when it was usable: a valid check, or data routed to a session.
     */
    boolean onDatagram(PathSender socket, byte[] buf, int off, int len, InetSocketAddress from) {
        switch (PacketClassifier.classify(buf, off, len)) {
            case STUN -> {
                return onStun(socket, buf, off, len, from);
            }
            case DTLS, RTP_RTCP -> {
                LiteTransport t = routes.get(from);
                if (t == null) {
                    drops.get(PortDrop.UNKNOWN_ADDRESS).increment();
                    return false;
                }
                t.onData(buf, off, len, from);
                return true;
            }
            default -> {
                drops.get(PortDrop.NOT_MUXED).increment();
                return false;
            }
        }
    }

    void countDrop(PortDrop reason) {
        drops.get(reason).increment();
    }

    /** An ICE-TCP connection went away: nothing is routed to its remote address any more. */
    void unrouteAll(InetSocketAddress remote) {
        routes.remove(remote);
    }

    private boolean onStun(PathSender socket, byte[] buf, int off, int len, InetSocketAddress from) {
        if (!routes.containsKey(from) && !config.allowedNetworks().allows(from.getAddress())) {
            drops.get(PortDrop.NETWORK_REJECTED).increment();
            return false;
        }
        LiteResponder.Verdict<LiteTransport> v = LiteResponder.verify(buf, off, len, ufrags::get);
        if (v instanceof LiteResponder.Drop<LiteTransport> d) {
            drops.get(d.reason()).increment();
            return false;
        } else if (v instanceof LiteResponder.Refuse<LiteTransport> r) {
            drops.get(r.counted()).increment();
            socket.send(LiteResponder.error(r.request(), r.code(), r.reasonPhrase(), r.session().local().password()),
                    from);
        } else if (v instanceof LiteResponder.Valid<LiteTransport> ok) {
            long arrivedMs = clock.getAsLong(); // when the check arrived, before its reply leaves
            LiteTransport t = ok.session().owner();
            if (t.needsSlot()) {
                if (!takeSlot(from.getAddress())) {
                    drops.get(PortDrop.OVER_LIMIT).increment();
                    return true; // no reply: the peer retransmits and gets in when a slot frees
                }
                t.holdSlot(from.getAddress());
            }
            socket.send(LiteResponder.success(ok.request(), from, ok.session().local().password()), from);
            LiteTransport before = routes.put(from, t);
            InetSocketAddress evicted = t.onValidCheck(from, socket, ok.useCandidate(), ok.session().local(), arrivedMs);
            if (evicted != null) {
                routes.remove(evicted, t);
            }
            if (before != null && before != t) {
                LOG.debug("{} now checks for another session", from);
            }
            if (socket instanceof TcpConnection c) {
                c.markAuthenticated();
            }
            return true;
        }
        // a refusal (400/487) was answered; an indication (keepalive) needs nothing
        return routes.containsKey(from);
    }

    /** Consent and connect timers of every session; on the I/O thread. */
    void sweep(long nowMs) {
        for (LiteTransport t : live) {
            t.sweep(nowMs);
        }
        if (tcp != null) {
            tcp.sweep(nowMs);
        }
    }

    /** The sockets (tests). */
    List<? extends UdpSocket> sockets() {
        return sockets;
    }

    /** Runs a sweep on the I/O thread now and waits for it (tests with an injected clock). */
    void sweepNow() {
        io.runAndWait(() -> sweep(clock.getAsLong()));
    }

    // ---- the sessions' callbacks ----

    long nowMs() {
        return clock.getAsLong();
    }

    List<Candidate> candidates() {
        return candidates;
    }

    void register(IceCredentials c, LiteTransport t) {
        ufrags.put(c.ufrag(), new LiteResponder.Registration<>(t, c));
    }

    void unregister(IceCredentials c, LiteTransport t) {
        ufrags.computeIfPresent(c.ufrag(), (k, r) -> r.owner() == t ? null : r);
    }

    void unroute(InetSocketAddress a, LiteTransport t) {
        routes.remove(a, t);
    }

    /** Session closed or failed: forget its credentials, routes and slot. */
    void remove(LiteTransport t) {
        for (IceCredentials c : t.registeredCredentials()) {
            unregister(c, t);
        }
        for (InetSocketAddress a : t.paths()) {
            routes.remove(a, t);
        }
        t.established(); // releases a half-open slot still held
        live.remove(t);
    }

    private boolean takeSlot(InetAddress ip) {
        boolean[] ok = new boolean[1];
        halfOpen.compute(ip, (k, n) -> {
            int cur = n == null ? 0 : n;
            if (cur >= config.maxHalfOpenPerAddress()) {
                return n;
            }
            ok[0] = true;
            return cur + 1;
        });
        return ok[0];
    }

    void releaseSlot(InetAddress ip) {
        halfOpen.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    }
}
