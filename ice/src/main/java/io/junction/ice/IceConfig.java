package io.junction.ice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of an {@link IcePort}, validated at {@link Builder#build()}: a bad value throws
 * IllegalArgumentException naming the option and its allowed range.
 */
public final class IceConfig {
    private final String bindAddress;
    private final int port;
    private final List<String> announcedAddresses;
    private final Duration consentTimeout;
    private final Duration connectTimeout;
    private final RemoteNetworks allowedNetworks;
    private final int maxHalfOpenPerAddress;
    private final int socketBufferBytes;
    private final List<String> rawAllowedNetworks;
    private final boolean tcp;
    private final int tcpPort;
    private final int tcpMaxConnectionsPerAddress;
    private final int tcpMaxFrameBytes;
    private final Duration tcpIdleTimeout;
    private final MediaIoBackend mediaIo;
    private final int ioThreads;

    /** Default of {@link #socketBufferBytes()}: 4 MiB. */
    public static final int DEFAULT_SOCKET_BUFFER = 4 << 20;
    /** Default of {@link #maxHalfOpenPerAddress()}. */
    public static final int DEFAULT_MAX_HALF_OPEN_PER_ADDRESS = 8;

    private IceConfig(Builder b) {
        this.bindAddress = IpLiterals.requireLiteral("bindAddress", b.bindAddress);
        if (b.port < 0 || b.port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = ephemeral), got " + b.port);
        }
        this.port = b.port;
        List<String> announced = new ArrayList<>();
        for (String a : b.announcedAddresses) {
            announced.add(IpLiterals.requireLiteral("announcedAddresses", a));
        }
        this.announcedAddresses = List.copyOf(announced);
        this.consentTimeout = requireRange("consentTimeout", b.consentTimeout, Duration.ofSeconds(10),
                Duration.ofMinutes(5));
        this.connectTimeout = requireRange("connectTimeout", b.connectTimeout, Duration.ofMillis(100),
                Duration.ofMinutes(2));
        this.allowedNetworks = RemoteNetworks.parse("allowedNetworks", b.allowedNetworks);
        this.rawAllowedNetworks = b.allowedNetworks;
        if (b.maxHalfOpenPerAddress < 1 || b.maxHalfOpenPerAddress > 1000) {
            throw new IllegalArgumentException("maxHalfOpenPerAddress must be in 1..1000, got " + b.maxHalfOpenPerAddress);
        }
        this.maxHalfOpenPerAddress = b.maxHalfOpenPerAddress;
        if (b.socketBufferBytes != 0 && (b.socketBufferBytes < 65536 || b.socketBufferBytes > (256 << 20))) {
            throw new IllegalArgumentException("socketBufferBytes must be 0 (kernel default) or 65536..268435456, got "
                    + b.socketBufferBytes);
        }
        this.socketBufferBytes = b.socketBufferBytes;
        this.tcp = b.tcp;
        if (b.tcpPort < 0 || b.tcpPort > 65535) {
            throw new IllegalArgumentException("tcpPort must be 0..65535 (0 = the UDP port's number), got " + b.tcpPort);
        }
        this.tcpPort = b.tcpPort;
        if (b.tcpMaxConnectionsPerAddress < 1 || b.tcpMaxConnectionsPerAddress > 1000) {
            throw new IllegalArgumentException("tcpMaxConnectionsPerAddress must be in 1..1000, got "
                    + b.tcpMaxConnectionsPerAddress);
        }
        this.tcpMaxConnectionsPerAddress = b.tcpMaxConnectionsPerAddress;
        if (b.tcpMaxFrameBytes < 1500 || b.tcpMaxFrameBytes > 65535) {
            throw new IllegalArgumentException("tcpMaxFrameBytes must be in 1500..65535, got " + b.tcpMaxFrameBytes);
        }
        this.tcpMaxFrameBytes = b.tcpMaxFrameBytes;
        this.tcpIdleTimeout = requireRange("tcpIdleTimeout", b.tcpIdleTimeout, Duration.ofSeconds(1),
                Duration.ofMinutes(5));
        this.mediaIo = Objects.requireNonNull(b.mediaIo, "mediaIo");
        if (b.ioThreads < 1 || b.ioThreads > 64) {
            throw new IllegalArgumentException("ioThreads must be in 1..64, got " + b.ioThreads);
        }
        this.ioThreads = b.ioThreads;
    }

    /** UDP I/O of the media port (default {@link MediaIoBackend#AUTO}, or the {@value MediaIoBackend#PROPERTY} property). */
    public MediaIoBackend mediaIo() {
        return mediaIo;
    }

    /**
     * epoll only: receive sockets per bound address, sharing the port with SO_REUSEPORT, each read by its
     * own I/O thread (default 1, or the {@value #IO_THREADS_PROPERTY} property). nio reads with one thread.
     */
    public int ioThreads() {
        return ioThreads;
    }

    /** System property that sets the builder's default {@link #ioThreads()}. */
    public static final String IO_THREADS_PROPERTY = "junction.io-threads";

    /** Passive ICE-TCP (RFC 6544) on {@link #tcpPort()} (default on). */
    public boolean tcp() {
        return tcp;
    }

    /** ICE-TCP listening port, 0 = the same number as the UDP port (default). */
    public int tcpPort() {
        return tcpPort;
    }

    /** ICE-TCP connections one remote IP may hold open (default 16). */
    public int tcpMaxConnectionsPerAddress() {
        return tcpMaxConnectionsPerAddress;
    }

    /** Largest RFC 4571 frame accepted; a longer announced length cuts the connection (default 8192). */
    public int tcpMaxFrameBytes() {
        return tcpMaxFrameBytes;
    }

    /** An ICE-TCP connection without a valid check this long after it opened is cut off (default 10 s). */
    public Duration tcpIdleTimeout() {
        return tcpIdleTimeout;
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().bindAddress(bindAddress).port(port).announcedAddresses(announcedAddresses)
                .consentTimeout(consentTimeout).connectTimeout(connectTimeout).allowedNetworks(rawAllowedNetworks)
                .maxHalfOpenPerAddress(maxHalfOpenPerAddress).socketBufferBytes(socketBufferBytes).tcp(tcp)
                .tcpPort(tcpPort).tcpMaxConnectionsPerAddress(tcpMaxConnectionsPerAddress)
                .tcpMaxFrameBytes(tcpMaxFrameBytes).tcpIdleTimeout(tcpIdleTimeout).mediaIo(mediaIo)
                .ioThreads(ioThreads);
    }

    /**
     * Sessions one remote IP address may have half-open at the media port: a valid check created their
     * path and their DTLS handshake has not completed (default 8). A valid check beyond it is dropped
     * ({@link PortDrop#OVER_LIMIT}, no reply); the peer's retransmissions get in once a slot frees.
     */
    public int maxHalfOpenPerAddress() {
        return maxHalfOpenPerAddress;
    }

    /** SO_RCVBUF and SO_SNDBUF requested for the media sockets, 0 = the kernel default (default 4 MiB). */
    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    private static Duration requireRange(String name, Duration d, Duration min, Duration max) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + d);
        }
        return d;
    }

    /** A builder with the defaults: 0.0.0.0:10000, interface addresses, consent 30 s, connect 10 s, all networks. */
    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, see {@link #builder()}. */
    public static IceConfig defaults() {
        return builder().build();
    }

    /** IP literal to bind the shared UDP socket to. */
    public String bindAddress() {
        return bindAddress;
    }

    /** UDP port, 0 for an ephemeral one. */
    public int port() {
        return port;
    }

    /** Addresses to announce as host candidates; empty means the machine's non-loopback interface addresses. */
    public List<String> announcedAddresses() {
        return announcedAddresses;
    }

    /** RFC 7675 §5.1: consent expires this long after the last confirmation (default 30 s). */
    public Duration consentTimeout() {
        return consentTimeout;
    }

    /** A transport not connected this long after {@code start()} fails (default 10 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Remote networks ICE may use (CIDR, see {@link RemoteNetworks}); empty (the default) allows every
     * address. Checks from other addresses are dropped at the shared port and remote candidates outside
     * them are ignored, so the server never sends checks there.
     */
    public RemoteNetworks allowedNetworks() {
        return allowedNetworks;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 10000;
        private List<String> announcedAddresses = List.of();
        private Duration consentTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private List<String> allowedNetworks = List.of();
        private int maxHalfOpenPerAddress = DEFAULT_MAX_HALF_OPEN_PER_ADDRESS;
        private int socketBufferBytes = DEFAULT_SOCKET_BUFFER;
        private boolean tcp = true;
        private int tcpPort;
        private int tcpMaxConnectionsPerAddress = 16;
        private int tcpMaxFrameBytes = 8192;
        private Duration tcpIdleTimeout = Duration.ofSeconds(10);
        private MediaIoBackend mediaIo = MediaIoBackend.parse(MediaIoBackend.PROPERTY,
                System.getProperty(MediaIoBackend.PROPERTY, "auto"));
        private int ioThreads = Integer.getInteger(IO_THREADS_PROPERTY, 1);

        private Builder() {
        }

        /** auto (default), nio or epoll, see {@link IceConfig#mediaIo()}. */
        public Builder mediaIo(MediaIoBackend v) {
            this.mediaIo = v;
            return this;
        }

        /** 1..64 (default 1), see {@link IceConfig#ioThreads()}. */
        public Builder ioThreads(int v) {
            this.ioThreads = v;
            return this;
        }

        /** Passive ICE-TCP on or off (default on). */
        public Builder tcp(boolean v) {
            this.tcp = v;
            return this;
        }

        /** 0..65535, 0 = the UDP port's number (default). */
        public Builder tcpPort(int v) {
            this.tcpPort = v;
            return this;
        }

        /** 1..1000 (default 16). */
        public Builder tcpMaxConnectionsPerAddress(int v) {
            this.tcpMaxConnectionsPerAddress = v;
            return this;
        }

        /** 1500..65535 (default 8192). */
        public Builder tcpMaxFrameBytes(int v) {
            this.tcpMaxFrameBytes = v;
            return this;
        }

        /** 1 s..5 min (default 10 s). */
        public Builder tcpIdleTimeout(Duration v) {
            this.tcpIdleTimeout = v;
            return this;
        }

        /** 1..1000 (default 8), see {@link IceConfig#maxHalfOpenPerAddress()}. */
        public Builder maxHalfOpenPerAddress(int v) {
            this.maxHalfOpenPerAddress = v;
            return this;
        }

        /** 0 (kernel default) or 64 KiB..256 MiB (default 4 MiB); the kernel may grant less (rmem_max). */
        public Builder socketBufferBytes(int v) {
            this.socketBufferBytes = v;
            return this;
        }

        /** IP literal (default 0.0.0.0). */
        public Builder bindAddress(String v) {
            this.bindAddress = v;
            return this;
        }

        /** 0..65535, 0 = ephemeral (default 10000). */
        public Builder port(int v) {
            this.port = v;
            return this;
        }

        /** IP literals announced as host candidates (default: interface addresses). */
        public Builder announcedAddresses(List<String> v) {
            this.announcedAddresses = List.copyOf(Objects.requireNonNull(v, "announcedAddresses"));
            return this;
        }

        /** 10 s..5 min (default 30 s): no valid check from the peer for this long and the session fails (RFC 7675). */
        public Builder consentTimeout(Duration v) {
            this.consentTimeout = v;
            return this;
        }

        /** 100 ms..2 min (default 10 s). */
        public Builder connectTimeout(Duration v) {
            this.connectTimeout = v;
            return this;
        }

        /**
         * CIDR networks (IPv4 or IPv6, e.g. "10.0.0.0/8", "::1/128") remote ICE addresses must lie in;
         * empty allows all (default). Host bits after the prefix must be zero.
         */
        public Builder allowedNetworks(List<String> v) {
            this.allowedNetworks = java.util.Collections.unmodifiableList(
                    new ArrayList<>(Objects.requireNonNull(v, "allowedNetworks"))); // nulls reported by build()
            return this;
        }

        /** Validates and builds. */
        public IceConfig build() {
            return new IceConfig(this);
        }
    }
}
