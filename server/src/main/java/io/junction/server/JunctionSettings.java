package io.junction.server;

import io.junction.ice.RemoteNetworks;
import io.junction.sfu.SfuOptions;
import io.junction.sfu.event.RoomEventListener;
import io.junction.signaling.Authenticator;
import io.junction.signaling.RoomMode;
import io.junction.signaling.RoomPolicy;
import io.junction.signaling.RoomSettings;
import io.junction.signaling.SignalMessage;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.iceservers.IceServerUrl;
import io.junction.signaling.iceservers.TurnRestCredentials;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;

/** The validated, immutable copy of a {@link JunctionBuilder}. */
record JunctionSettings(int httpPort, String bindAddress, int mediaPort, String mediaBindAddress,
                        List<String> announce, RoomPolicy roomPolicy, Authenticator authenticator,
                        RoomEventListener listener, String adminToken, int maxFrameBytes, double ratePerSecond,
                        int rateBurst, int workerThreads, Path tlsKeystore, String tlsKeystorePassword,
                        boolean servePage, boolean httpServer, int maxRooms, int maxTracks,
                        Duration handshakeTimeout, List<String> allowedOrigins, boolean selfSigned,
                        int maxHalfOpenPerSource, PemKeyStores.Identity tlsPem, List<String> iceAllowedNetworks,
                        int handshakeThreads, io.junction.signaling.SignalingLimits signalingLimits,
                        Duration httpIdleTimeout, int mediaSocketBuffer,
                        List<SignalMessage.IceServer> iceServers, TurnRestCredentials turnCredentials,
                        boolean socketIo, io.junction.cluster.ClusterOptions cluster, String relayAddress) {

    JunctionSettings(JunctionBuilder b) {
        this(port("httpPort", b.httpPort), address("bindAddress", b.bindAddress), port("mediaPort", b.mediaPort),
                address("mediaBindAddress", b.mediaBindAddress), announce(b.announce), policy(b),
                nonNull("authenticator", b.authenticator), nonNull("listener", b.listener), token(b.adminToken),
                range("maxFrameBytes", b.maxFrameBytes, SignalingOptions.MIN_FRAME_BYTES,
                        SignalingOptions.MAX_FRAME_BYTES),
                rate(b.ratePerSecond), range("rateBurst", b.rateBurst, 1, 100_000),
                range("workerThreads", b.workerThreads, 1, 256), keystore(b.tlsKeystore),
                b.tlsKeystore == null ? null : nonNull("tlsKeystorePassword", b.tlsKeystorePassword), b.servePage, b.httpServer,
                range("maxRooms", b.maxRooms, 1, SignalingOptions.MAX_ROOMS),
                range("maxTracksPerParticipant", b.maxTracks, 1, SignalingOptions.MAX_TRACKS), handshake(b.handshakeTimeout),
                origins(b.allowedOrigins), selfSigned(b),
                range("maxHalfOpenPerSource", b.maxHalfOpenPerSource, 1, 1000), pem(b), networks(b.iceAllowedNetworks),
                range("handshakeThreads", b.handshakeThreads, 1, SfuOptions.MAX_HANDSHAKE_THREADS),
                nonNull("signalingLimits", b.signalingLimits), httpIdle(b.httpIdleTimeout),
                socketBuffer(b.mediaSocketBuffer),
                iceServers(b.iceServers), turn(b), b.socketIo, cluster(b), relayAddress(b));
        if (turnCredentials == null && iceServers.stream().anyMatch(s -> s.urls().stream()
                .anyMatch(u -> IceServerUrl.parse("iceServers", u).isTurn()))) {
            throw new IllegalArgumentException("iceServers has a turn:/turns: URL but no turnSecret is set "
                    + "to give clients credentials for it");
        }
    }

    private static Duration httpIdle(Duration d) {
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("httpIdleTimeout must be in 1..300 s (got " + d + ")");
        }
        return d;
    }

    private static int socketBuffer(int v) {
        if (v != 0 && (v < 65536 || v > (256 << 20))) {
            throw new IllegalArgumentException("mediaSocketBuffer must be 0 (kernel default) or in 65536..268435456 (got "
                    + v + ")");
        }
        return v;
    }

    /** One entry per URL, each validated (the message names {@code iceServers} and the URL). */
    private static List<SignalMessage.IceServer> iceServers(List<String> urls) {
        return nonNull("iceServers", urls).stream()
                .map(u -> new SignalMessage.IceServer(List.of(IceServerUrl.parse("iceServers", u).text()), null, null))
                .toList();
    }

    private static TurnRestCredentials turn(JunctionBuilder b) {
        TurnRestCredentials.checkTtl("turnCredentialTtl", b.turnCredentialTtl);
        return b.turnSecret == null ? null : TurnRestCredentials.of(b.turnSecret, b.turnCredentialTtl);
    }

    /**
     * The address the receiving ends of relay links bind to: the given one, else the first
     * announced media address, else loopback (a cluster on one machine).
     */
    private static String relayAddress(JunctionBuilder b) {
        if (b.relayAddress != null) {
            return address("relayAddress", b.relayAddress);
        }
        return b.announce.isEmpty() ? "127.0.0.1" : b.announce.get(0);
    }

    /** The cluster settings, null for one node; the single options name clusterRedis, nodeId, nodeUrl. */
    private static io.junction.cluster.ClusterOptions cluster(JunctionBuilder b) {
        if (b.cluster != null) {
            if (b.clusterRedis != null || b.nodeId != null || b.nodeUrl != null || b.placement != null) {
                throw new IllegalArgumentException("cluster and clusterRedis/nodeId/nodeUrl/clusterPlacement are exclusive");
            }
            return b.cluster;
        }
        if (b.clusterRedis == null) {
            if (b.nodeId != null || b.nodeUrl != null || b.placement != null) {
                throw new IllegalArgumentException("nodeId, nodeUrl and clusterPlacement need clusterRedis");
            }
            return null;
        }
        try {
            io.junction.cluster.ClusterOptions o = io.junction.cluster.ClusterOptions.of(b.clusterRedis);
            o = o.withNodeId(b.nodeId != null ? b.nodeId : o.nodeId()).withNodeUrl(b.nodeUrl);
            return b.placement == null ? o : o.withPlacement(b.placement);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("redisUri") ? "clusterRedis" + m.substring(8) : m, e);
        }
    }

    private static int port(String name, int v) {
        return range(name, v, 0, 65535);
    }

    static int range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + " (got " + v + ")");
        }
        return v;
    }

    private static <T> T nonNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }

    private static String address(String name, String v) {
        if (v != null && v.isBlank()) {
            throw new IllegalArgumentException(name + " must be null (all interfaces) or a non-blank address");
        }
        return v;
    }

    private static List<String> announce(List<String> v) {
        for (String a : v) {
            if (a == null || a.isBlank()) {
                throw new IllegalArgumentException("announce must hold non-blank addresses (got '" + a + "')");
            }
        }
        return List.copyOf(v);
    }

    private static RoomPolicy policy(JunctionBuilder b) {
        if (b.roomPolicy != null) {
            return b.roomPolicy;
        }
        RoomMode mode = nonNull("defaultMode", b.defaultMode);
        if (b.roomCapacity == 0) {
            return RoomPolicy.uniform(mode);
        }
        RoomSettings s = new RoomSettings(mode, range("roomCapacity", b.roomCapacity, 1, JunctionBuilder.MAX_CAPACITY));
        return room -> s;
    }

    private static String token(String t) {
        if (t != null && (t.length() < JunctionBuilder.MIN_ADMIN_TOKEN || !t.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("adminToken must be null or " + JunctionBuilder.MIN_ADMIN_TOKEN
                    + "+ printable ASCII characters without spaces");
        }
        return t;
    }

    private static double rate(double r) {
        if (!(r > 0) || r > 10_000) {
            throw new IllegalArgumentException("ratePerSecond must be in (0, 10000] (got " + r + ")");
        }
        return r;
    }

    private static boolean selfSigned(JunctionBuilder b) {
        if (b.selfSigned && b.tlsKeystore != null) {
            throw new IllegalArgumentException("selfSigned and tlsKeystore are exclusive");
        }
        if (b.selfSigned && (b.tlsCertificate != null || b.tlsPrivateKey != null)) {
            throw new IllegalArgumentException("selfSigned and tlsCertificate/tlsPrivateKey are exclusive");
        }
        return b.selfSigned;
    }

    /** The identity of {@code tlsCertificate} + {@code tlsPrivateKey}, loaded and checked; null when neither is set. */
    private static PemKeyStores.Identity pem(JunctionBuilder b) {
        if (b.tlsCertificate == null && b.tlsPrivateKey == null) {
            return null;
        }
        if (b.tlsCertificate == null || b.tlsPrivateKey == null) {
            throw new IllegalArgumentException((b.tlsCertificate == null ? "tlsCertificate" : "tlsPrivateKey")
                    + " is missing: tlsCertificate and tlsPrivateKey must be given together");
        }
        if (b.tlsKeystore != null) {
            throw new IllegalArgumentException("tlsCertificate/tlsPrivateKey and tlsKeystore are exclusive");
        }
        return PemKeyStores.load(b.tlsCertificate, "tlsCertificate", b.tlsPrivateKey, "tlsPrivateKey",
                b.tlsPrivateKeyPassword);
    }

    /** Whether the own HTTP server speaks HTTPS. */
    boolean tls() {
        return tlsKeystore != null || selfSigned || tlsPem != null;
    }

    private static List<String> origins(List<String> v) {
        for (String o : nonNull("allowedOrigins", v)) {
            if (o == null || o.isBlank() || !o.contains("://")) {
                throw new IllegalArgumentException("allowedOrigins must hold origins like https://host:port (got '"
                        + o + "')");
            }
        }
        return List.copyOf(v);
    }

    private static List<String> networks(List<String> v) {
        // throws IllegalArgumentException naming iceAllowedNetworks and the bad entry
        return RemoteNetworks.parse("iceAllowedNetworks", nonNull("iceAllowedNetworks", v)).cidrs();
    }

    private static Duration handshake(Duration d) {
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("handshakeTimeout must be in 1..60 s (got " + d + ")");
        }
        return d;
    }

    private static Path keystore(Path p) {
        if (p != null && !Files.isReadable(p)) {
            throw new IllegalArgumentException("tlsKeystore must be a readable PKCS12 file (got " + p + ")");
        }
        return p;
    }

    SignalingOptions signalingOptions() {
        return SignalingOptions.defaults().withRoomPolicy(roomPolicy).withMaxFrameBytes(maxFrameBytes)
                .withRateLimit(ratePerSecond, rateBurst).withAuthenticator(authenticator).withMaxRooms(maxRooms)
                .withMaxTracks(maxTracks).withAllowedOrigins(allowedOrigins).withTurnCredentials(turnCredentials)
                .withIceServers(iceServers);
    }
}
