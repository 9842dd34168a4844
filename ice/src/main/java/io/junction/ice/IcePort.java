package io.junction.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferHandler;

/**
 * The one UDP port shared by every server-side ICE session of a server instance (ice4j
 * {@code SinglePortUdpHarvester}: the first STUN Binding Request's USERNAME picks the session, later
 * datagrams are demultiplexed by remote address). Owns one ice4j reader thread and one timer thread.
 */
public final class IcePort implements AutoCloseable {
    /** RFC 8445 §5.1.2.2: type preference of host candidates. */
    private static final int HOST_TYPE_PREFERENCE = 126;

    private final IceConfig config;
    private final CountingUdpHarvester harvester;
    private final ScheduledExecutorService timer;
    private final List<String> announced;
    private final Set<IceTransport> live = ConcurrentHashMap.newKeySet();
    private final LongAdder malformedStun = new LongAdder();
    private final LongAdder candidatesOutsideNetworks = new LongAdder();
    private volatile boolean closed;

    /** Binds the shared port; throws UncheckedIOException if it cannot. */
    public IcePort(IceConfig config) {
        this.config = config;
        Ice4jSetup.apply();
        try {
            harvester = new CountingUdpHarvester(new TransportAddress(
                    IpLiterals.toAddress(config.bindAddress()), config.port(), Transport.UDP),
                    config.allowedNetworks(), malformedStun);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind ICE port " + config.bindAddress() + ":" + config.port(), e);
        }
        int port = harvester.getLocalAddress().getPort();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-ice-timer-" + port);
            t.setDaemon(true);
            return t;
        });
        announced = config.announcedAddresses().isEmpty() ? interfaceAddresses() : config.announcedAddresses();
    }

    /** The bound UDP port. */
    public int localPort() {
        return harvester.getLocalAddress().getPort();
    }

    /** The addresses announced as host candidates. */
    public List<String> announcedAddresses() {
        return announced;
    }

    /** STUN Binding Requests from unknown addresses whose USERNAME matched no session (dropped). */
    public long rejectedStunRequests() {
        return harvester.rejected();
    }

    /** Datagrams from unknown addresses outside {@link IceConfig#allowedNetworks()} (dropped before any session sees them). */
    public long rejectedByNetwork() {
        return harvester.rejectedByNetwork();
    }

    /** Remote candidates ignored by this port's sessions because they lie outside {@link IceConfig#allowedNetworks()}. */
    public long candidatesOutsideAllowedNetworks() {
        return candidatesOutsideNetworks.sum();
    }

    /**
     * STUN datagrams dropped because they failed {@link StunFraming}: on the first datagram from an unknown
     * address, and before ice4j's decoder for every STUN datagram of a session.
     */
    public long malformedStun() {
        return malformedStun.sum();
    }

    /** Sessions created and not yet freed. */
    public int liveTransports() {
        return live.size();
    }

    /** A new server-side session in the controlled role (RFC 8445 §6.1.1: the offerer/full agent controls). */
    public IceTransport createServerTransport(IceTransport.Listener l) {
        if (closed) {
            throw new IllegalStateException("IcePort is closed");
        }
        IceTransport.AgentParts parts;
        try {
            parts = IceTransport.AgentParts.create(false, a -> {
                a.stunGuard().alsoCountInto(malformedStun);
                a.addCandidateHarvester(harvester);
            }, c -> candidates());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IceTransport[] self = new IceTransport[1];
        IceTransport t = new IceTransport(parts, l, timer, config.connectTimeout(), config.consentTimeout(),
                new CandidateFilter(config.allowedNetworks(), candidatesOutsideNetworks), () -> live.remove(self[0]));
        self[0] = t;
        live.add(t);
        parts.component().setBufferCallback(new PushHandler(t));
        return t;
    }

    private List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        int localPref = 65535;
        for (String a : announced) {
            list.add(Candidate.host(Integer.toString(list.size() + 1), 1,
                    Candidate.priority(HOST_TYPE_PREFERENCE, localPref--, 1), a, localPort()));
        }
        return list;
    }

    /** Closes every session, the shared socket and the timer. */
    @Override
    public void close() {
        closed = true;
        for (IceTransport t : List.copyOf(live)) {
            t.close();
        }
        harvester.close();
        timer.shutdownNow();
    }

    /** ice4j push API: payload (non-STUN) datagrams of one session, on the harvester's reader thread. */
    private record PushHandler(IceTransport transport) implements BufferHandler {
        @Override
        public void handleBuffer(Buffer b) {
            try {
                transport.deliver(b.getBuffer(), b.getOffset(), b.getLength(),
                        (InetSocketAddress) b.getRemoteAddress());
            } finally {
                Ice4jBuffers.release(b);
            }
        }
    }

    private static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
                        out.add(a instanceof Inet4Address ? a.getHostAddress()
                                : a.getHostAddress().replaceAll("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
