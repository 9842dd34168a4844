package io.junction.server;

import io.junction.sfu.event.RoomEventListener;
import io.junction.signaling.Authenticator;
import io.junction.signaling.RoomMode;
import io.junction.signaling.RoomPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the settings of a {@link Junction}; {@link #build()} validates every one of them and
 * throws {@link IllegalArgumentException} naming the first bad option and its allowed range.
 * Every setter returns this builder. Defaults: HTTP port 8080 on all interfaces, media UDP port
 * 10000, announced addresses chosen by the engine, {@code sfu} rooms of the mode's default
 * capacity, everyone admitted with all rights, no listener, no admin token, 64 KiB frames,
 * 50 messages/s with bursts of 100, one room worker per core, the browser page served, at most
 * 1000 rooms, 16 sending tracks per participant, 10 s for ICE + DTLS handshakes, 8 half-open
 * transports per source address, up to 32 DTLS handshake threads, no STUN/TURN servers handed to
 * clients (TURN credentials, when a {@link #turnSecret} is set, live one day), no cluster (one node).
 */
public final class JunctionBuilder {
    /** Smallest admin token length accepted. */
    public static final int MIN_ADMIN_TOKEN = 8;
    /** Largest room capacity accepted. */
    public static final int MAX_CAPACITY = 10_000;

    int httpPort = 8080;
    String bindAddress;
    int mediaPort = 10000;
    String mediaBindAddress;
    List<String> announce = new ArrayList<>();
    RoomMode defaultMode = RoomMode.SFU;
    int roomCapacity;
    RoomPolicy roomPolicy;
    Authenticator authenticator = Authenticator.ALLOW_ALL;
    RoomEventListener listener = RoomEventListener.NONE;
    String adminToken;
    int maxFrameBytes = 64 * 1024;
    double ratePerSecond = 50;
    int rateBurst = 100;
    int workerThreads = Runtime.getRuntime().availableProcessors();
    Path tlsKeystore;
    String tlsKeystorePassword;
    Path tlsCertificate;
    Path tlsPrivateKey;
    String tlsPrivateKeyPassword;
    boolean servePage = true;
    boolean httpServer = true;
    boolean socketIo = true;
    int maxRooms = 1000;
    int maxTracks = 16;
    java.time.Duration handshakeTimeout = java.time.Duration.ofSeconds(10);
    int maxHalfOpenPerSource = io.junction.sfu.SfuOptions.DEFAULT_MAX_HALF_OPEN_PER_SOURCE;
    int mediaSocketBuffer = io.junction.ice.IceConfig.DEFAULT_SOCKET_BUFFER;
    int handshakeThreads = io.junction.sfu.SfuOptions.DEFAULT_HANDSHAKE_THREADS;
    List<String> allowedOrigins = List.of();
    boolean selfSigned;
    List<String> iceAllowedNetworks = List.of();
    List<String> iceServers = List.of();
    String turnSecret;
    java.time.Duration turnCredentialTtl = io.junction.signaling.iceservers.TurnRestCredentials.DEFAULT_TTL;
    String clusterRedis;
    String nodeId;
    String nodeUrl;
    String relayAddress;
    io.junction.cluster.Placement.Policy placement;
    io.junction.cluster.ClusterOptions cluster;

    JunctionBuilder() {
    }

    /** HTTP/WebSocket port of Junction's own HTTP server, 0..65535 (0 = any free port). */
    public JunctionBuilder httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** Address the HTTP server listens on; null (default) = all interfaces. */
    public JunctionBuilder bindAddress(String address) {
        this.bindAddress = address;
        return this;
    }

    /** UDP media port shared by all participants, 0..65535 (0 = any free port). */
    public JunctionBuilder mediaPort(int port) {
        this.mediaPort = port;
        return this;
    }

    /** Address the media UDP port binds to; null (default) = all interfaces. */
    public JunctionBuilder mediaBindAddress(String address) {
        this.mediaBindAddress = address;
        return this;
    }

    /** Addresses put in the server's ICE candidates (replaces earlier ones); empty = the machine's. */
    public JunctionBuilder announce(String... addresses) {
        this.announce = new ArrayList<>(List.of(addresses));
        return this;
    }

    /** As {@link #announce(String...)}. */
    public JunctionBuilder announce(List<String> addresses) {
        this.announce = new ArrayList<>(Objects.requireNonNull(addresses, "announce"));
        return this;
    }

    /** Mode of new rooms when no {@link #roomPolicy} is set (default {@code sfu}). */
    public JunctionBuilder defaultMode(RoomMode mode) {
        this.defaultMode = mode;
        return this;
    }

    /**
     * Capacity of new rooms when no {@link #roomPolicy} is set, 1..{@value #MAX_CAPACITY};
     * 0 (default) = the mode's default (16 for sfu, 2 for p2p).
     */
    public JunctionBuilder roomCapacity(int capacity) {
        this.roomCapacity = capacity;
        return this;
    }

    /** Mode and capacity per room name; overrides {@link #defaultMode} and {@link #roomCapacity}. */
    public JunctionBuilder roomPolicy(RoomPolicy policy) {
        this.roomPolicy = policy;
        return this;
    }

    /** Admits joins and sets their media rights (default: everyone, all rights). */
    public JunctionBuilder authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
        return this;
    }

    /**
     * Receives room, participant, track and transport events of media sessions ({@code sfu}
     * rooms and the media-only API; {@code p2p} rooms carry no media and report none), in order,
     * on a thread of this Junction (so it may block briefly; a slow listener delays only later
     * events).
     */
    public JunctionBuilder listener(RoomEventListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Bearer token protecting {@code /api/...} and {@code /metrics}, at least
     * {@value #MIN_ADMIN_TOKEN} characters; null (default) = those endpoints are open.
     */
    public JunctionBuilder adminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** Largest client frame, 1024..16777216 bytes (default 65536); larger ones get {@code too-large}. */
    public JunctionBuilder maxFrameBytes(int bytes) {
        this.maxFrameBytes = bytes;
        return this;
    }

    /** Per-connection message rate, (0, 10000] per second, and burst, 1..100000. */
    public JunctionBuilder rateLimit(double perSecond, int burst) {
        this.ratePerSecond = perSecond;
        this.rateBurst = burst;
        return this;
    }

    /** Room worker threads, 1..256 (default: the number of cores). */
    public JunctionBuilder workerThreads(int threads) {
        this.workerThreads = threads;
        return this;
    }

    /**
     * Serve HTTPS/WSS with this PKCS12 keystore (null path = plain HTTP, the default); exclusive
     * with {@link #tlsCertificate} and {@link #selfSigned}.
     */
    public JunctionBuilder tlsKeystore(Path pkcs12, String password) {
        this.tlsKeystore = pkcs12;
        this.tlsKeystorePassword = password;
        return this;
    }

    /**
     * Serve HTTPS/WSS with the certificate chain in this PEM file: one or more {@code CERTIFICATE}
     * blocks, the server's own first, then the intermediates (null = none, the default). Needs
     * {@link #tlsPrivateKey}; exclusive with {@link #tlsKeystore} and {@link #selfSigned}. Read and
     * checked by {@link #build()}.
     */
    public JunctionBuilder tlsCertificate(Path pemChain) {
        this.tlsCertificate = pemChain;
        return this;
    }

    /**
     * The private key of {@link #tlsCertificate}'s first certificate, in a PEM file: RSA or EC, as
     * {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY}
     * (SEC1). An encrypted key is refused; use {@link #tlsPrivateKey(Path, String)} for it.
     */
    public JunctionBuilder tlsPrivateKey(Path pemKey) {
        return tlsPrivateKey(pemKey, null);
    }

    /**
     * As {@link #tlsPrivateKey(Path)}, for a key that may be encrypted ({@code ENCRYPTED PRIVATE KEY}
     * or OpenSSL's {@code Proc-Type: 4,ENCRYPTED}); {@code password} decrypts it (null = not encrypted).
     */
    public JunctionBuilder tlsPrivateKey(Path pemKey, String password) {
        this.tlsPrivateKey = pemKey;
        this.tlsPrivateKeyPassword = password;
        return this;
    }

    /**
     * Serve HTTPS/WSS with a certificate generated at start-up for {@code localhost}, the loopback
     * addresses, the bind address and the announced addresses (default false). For local
     * development only: browsers warn about it. Exclusive with {@link #tlsKeystore} and
     * {@link #tlsCertificate}.
     */
    public JunctionBuilder selfSigned(boolean selfSigned) {
        this.selfSigned = selfSigned;
        return this;
    }

    /** Whether the own HTTP server serves the browser page at {@code /} (default true). */
    public JunctionBuilder servePage(boolean serve) {
        this.servePage = serve;
        return this;
    }

    /**
     * Whether the socket.io front for classic clients ({@code /socket.io/}, docs/PROTOCOL.md
     * "socket.io front") runs (default true): served by the own HTTP server on the same port, or
     * mounted by the application with {@link Junction#socketIoHandler}.
     */
    public JunctionBuilder socketIo(boolean on) {
        this.socketIo = on;
        return this;
    }

    /**
     * Whether {@link Junction#start()} starts Junction's own HTTP server (default true); false
     * when the application mounts {@link Junction#webSocketHandler} and
     * {@link Junction#adminHandler} in its own Jetty server.
     */
    public JunctionBuilder httpServer(boolean own) {
        this.httpServer = own;
        return this;
    }

    /**
     * Rooms at once on this server, 1..1000000 (default 1000); a join that would create one more
     * gets {@code full} with a {@code reason} naming the limit.
     */
    public JunctionBuilder maxRooms(int rooms) {
        this.maxRooms = rooms;
        return this;
    }

    /**
     * Tracks a participant may send on in one offer, 1..256 (default 16); a bigger offer gets
     * {@code error} {@code unsupported} naming the limit.
     */
    public JunctionBuilder maxTracksPerParticipant(int tracks) {
        this.maxTracks = tracks;
        return this;
    }

    /**
     * Time a participant's ICE + DTLS handshake may take before its transport fails, 1..60 s
     * (default 10 s): ICE must connect within it, and DTLS must complete within it counted from
     * the transport's start.
     */
    public JunctionBuilder handshakeTimeout(java.time.Duration timeout) {
        this.handshakeTimeout = timeout;
        return this;
    }

    /**
     * SO_RCVBUF and SO_SNDBUF requested for the media port's sockets, 0 (the kernel default) or
     * 65536..268435456 bytes (default 4 MiB). The kernel caps it at net.core.rmem_max/wmem_max; the
     * granted size is logged at start.
     */
    public JunctionBuilder mediaSocketBuffer(int bytes) {
        this.mediaSocketBuffer = bytes;
        return this;
    }

    /**
     * Media sessions one remote IP address may have half-open at the media port, 1..1000 (default 8):
     * from the first valid ICE check of a session until its DTLS handshake completes. A valid check
     * beyond it is dropped and counted (the client retransmits and gets in when a slot frees); joins
     * are never refused for it. Clients behind one NAT share its address at the media port.
     */
    public JunctionBuilder maxHalfOpenPerSource(int transports) {
        this.maxHalfOpenPerSource = transports;
        return this;
    }

    /**
     * Most DTLS handshakes running at once, 1..256 (default 32); more wait for a free thread. A
     * handshake holds its thread until it completes or {@link #handshakeTimeout times out}, so
     * keep this above {@link #maxHalfOpenPerSource}: otherwise one address whose clients pass
     * ICE and then stay silent can delay every other participant's handshake (the server logs a
     * warning). Threads start on demand and end when idle.
     */
    public JunctionBuilder handshakeThreads(int threads) {
        this.handshakeThreads = threads;
        return this;
    }

    /**
     * Origins ({@code https://host[:port]}) whose pages may open the signaling WebSocket; an
     * upgrade with another {@code Origin} header gets HTTP 403. Empty (default) = every origin;
     * requests without an {@code Origin} header (non-browser clients) are always allowed.
     */
    public JunctionBuilder allowedOrigins(List<String> origins) {
        this.allowedOrigins = origins;
        return this;
    }

    /**
     * Remote networks ICE may use, in CIDR notation (IPv4 or IPv6, e.g. {@code 10.0.0.0/8},
     * {@code 192.168.1.0/24}, {@code ::1/128}; host bits after the prefix must be zero). Checks
     * from other addresses are dropped at the media port and remote candidates outside them are
     * ignored. Empty (default) = every address.
     */
    public JunctionBuilder iceAllowedNetworks(List<String> cidrs) {
        this.iceAllowedNetworks = cidrs;
        return this;
    }

    io.junction.signaling.SignalingLimits signalingLimits = io.junction.signaling.SignalingLimits.defaults();
    java.time.Duration httpIdleTimeout = DEFAULT_HTTP_IDLE_TIMEOUT;
    /** Default of {@link #httpIdleTimeout}: 20 s. */
    public static final java.time.Duration DEFAULT_HTTP_IDLE_TIMEOUT = java.time.Duration.ofSeconds(20);

    /**
     * Signaling abuse limits: WebSocket connections per client address (default 64) and in total
     * (default 10000), the ping timeout that closes silent sockets (default 60 s) and the refused
     * frames after which a connection is closed with {@code protocol-closed} (default 100).
     */
    public JunctionBuilder signalingLimits(io.junction.signaling.SignalingLimits limits) {
        this.signalingLimits = limits;
        return this;
    }

    /**
     * Joins the cluster whose Redis is at {@code redis://HOST:PORT} (null, the default = one node,
     * nothing else to run): rooms then span every node of the cluster; in {@code sfu} rooms each
     * node relays its local publishers' media once to each other node of the room (relay links,
     * see {@link #relayAddress}). See README "Cluster".
     */
    public JunctionBuilder clusterRedis(String redisUri) {
        this.clusterRedis = redisUri;
        return this;
    }

    /** This node's id in the cluster, 1..32 characters of [A-Za-z0-9_] (default: random); prefixes participant ids. */
    public JunctionBuilder nodeId(String id) {
        this.nodeId = id;
        return this;
    }

    /**
     * The IP address this node's relay links receive media on: other nodes' media ports must be
     * reachable from it (default: the first {@link #announce} address, else 127.0.0.1 for a
     * cluster on one machine). Cluster only.
     */
    public JunctionBuilder relayAddress(String address) {
        this.relayAddress = address;
        return this;
    }

    /** This node's public signaling URL, shown in the cluster directory (default: none). */
    public JunctionBuilder nodeUrl(String url) {
        this.nodeUrl = url;
        return this;
    }

    /**
     * Where this node sends joins to rooms it does not host yet (default: nowhere, it takes every
     * join): {@code pinRooms} keeps each room on the node that took it first, {@code redirectAbove}
     * sends joins to a less loaded node once this one has that many participants. The client gets a
     * {@code redirect} message with the other node's {@link #nodeUrl} (which this node then needs too).
     */
    public JunctionBuilder clusterPlacement(io.junction.cluster.Placement.Policy policy) {
        this.placement = policy;
        return this;
    }

    /**
     * STUN and TURN server URLs handed to every client in {@code joined.iceServers}, one entry per URL:
     * {@code stun:HOST[:PORT]}, {@code turn:HOST[:PORT][?transport=udp|tcp]} or {@code turns:...}
     * (RFC 7064, RFC 7065). TURN URLs need a {@link #turnSecret}. Empty (default) = none.
     */
    public JunctionBuilder iceServers(List<String> urls) {
        this.iceServers = urls;
        return this;
    }

    /**
     * How long an HTTP connection may stay idle, including while its request headers are being
     * read (a slowloris client that sends nothing is closed after it), 1..300 s (default 20 s).
     * Upgraded WebSockets use the ping timeout of {@link #signalingLimits} instead.
     */
    public JunctionBuilder httpIdleTimeout(java.time.Duration timeout) {
        this.httpIdleTimeout = timeout;
        return this;
    }

    /**
     * The secret shared with the TURN server (coturn's {@code static-auth-secret} with
     * {@code use-auth-secret}), 32..256 printable ASCII characters: each join's TURN entries get
     * the username {@code <expiry unix seconds>:<participant id>} and the credential
     * {@code base64(HMAC-SHA1(secret, username))}. Null (default) = no credentials minted. Never
     * logged or shown by the admin API.
     */
    public JunctionBuilder turnSecret(String secret) {
        this.turnSecret = secret;
        return this;
    }

    /**
     * How long minted TURN credentials stay valid, 1 minute..7 days (default 1 day). A TURN server
     * refuses them afterwards, also for refreshing an allocation, so a relayed session lasts at
     * most this long after its join (a rejoin gets fresh ones).
     */
    public JunctionBuilder turnCredentialTtl(java.time.Duration ttl) {
        this.turnCredentialTtl = ttl;
        return this;
    }

    /**
     * All cluster settings at once (timings included), instead of {@link #clusterRedis},
     * {@link #nodeId} and {@link #nodeUrl}; null = one node.
     */
    public JunctionBuilder cluster(io.junction.cluster.ClusterOptions options) {
        this.cluster = options;
        return this;
    }

    /** Validates every option and creates the (not yet started) instance. */
    public Junction build() {
        return new Junction(new JunctionSettings(this));
    }
}
