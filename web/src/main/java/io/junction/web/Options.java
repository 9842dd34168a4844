package io.junction.web;

import io.junction.ice.RemoteNetworks;
import io.junction.server.JunctionBuilder;
import io.junction.server.JwtAuthenticator;
import io.junction.server.PemKeyStores;
import io.junction.server.PemPublicKeys;
import io.junction.signaling.RoomMode;
import io.junction.signaling.iceservers.IceServerUrl;
import io.junction.signaling.iceservers.TurnRestCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The runnable server's settings, validated at construction: a bad value throws naming the
 * command-line option and its allowed range (the same names serve the environment and the
 * config file, see {@link ConfigSources}).
 *
 * @param port          HTTP/WebSocket port, 0..65535 (0 = ephemeral)
 * @param mediaPort     UDP media port shared by all participants, 0..65535 (0 = ephemeral)
 * @param announce      addresses put in the server's ICE candidates (may be empty: the engine picks)
 * @param defaultMode   mode of new rooms
 * @param bind          HTTP bind address, null = all interfaces
 * @param mediaBind     media UDP bind address, null = all interfaces
 * @param roomCapacity  participants per room, 1..10000, 0 = the mode's default (16 sfu, 2 p2p)
 * @param maxFrameBytes largest signaling frame, 1024..16777216
 * @param rateLimit     signaling messages per second per connection, (0, 10000]
 * @param rateBurst     signaling burst per connection, 1..100000
 * @param tlsKeystore   PKCS12 keystore for HTTPS/WSS, null = plain HTTP
 * @param tlsPassword   its password (required with a keystore)
 * @param authSecret    HS256 secret of join tokens ({@link JwtAuthenticator}), 32+ bytes; null = every join admitted
 * @param adminToken    bearer token for /api and /metrics, null = open; 8+ printable characters
 * @param logLevel      root log level: trace, debug, info, warn or error
 * @param maxRooms      rooms at once, 1..1000000
 * @param maxTracks     sending tracks per participant offer, 1..256
 * @param handshakeTimeout seconds an ICE + DTLS handshake may take, 1..60
 * @param maxHalfOpen   media sessions one remote IP address may have half-open at the media port (first valid
 *                      ICE check .. DTLS done), 1..1000
 * @param allowedOrigins origins allowed to open the WebSocket, empty = all
 * @param authPublicKey PEM file with the RSA public key of RS256 join tokens, null = none (exclusive with authSecret)
 * @param selfSigned    serve HTTPS with a certificate generated at start-up (exclusive with tlsKeystore)
 * @param tlsCert       PEM certificate chain for HTTPS/WSS, null = none (with tlsKey; exclusive with
 *                      tlsKeystore and selfSigned)
 * @param tlsKey        PEM private key of tlsCert's first certificate, null = none
 * @param iceAllowedNetworks remote networks (CIDR) ICE may use, empty = all
 * @param handshakeThreads most DTLS handshakes running at once, 1..256
 * @param tlsKeyPassword password of an encrypted tlsKey, null = the key is not encrypted
 * @param abuse         join-token times, connection caps, ping timeout, violations, HTTP idle timeout
 * @param mediaSocketBuffer SO_RCVBUF/SO_SNDBUF of the media sockets in bytes, 0 = kernel default, else 65536..268435456
 * @param iceServers    STUN/TURN URLs handed to clients in {@code joined.iceServers}, canonical form, empty = none
 * @param turnSecret    secret shared with the TURN server (coturn {@code static-auth-secret}), 32..256
 *                      printable ASCII characters; null = none (then iceServers may not list TURN URLs)
 * @param turnTtl       seconds minted TURN credentials stay valid, 60..604800
 * @param socketIo      serve the socket.io front for classic clients at /socket.io/ on the same port
 * @param clusterRedis  redis://HOST:PORT of the cluster to join, null = one node
 * @param nodeId        this node's id in the cluster (1..32 of [A-Za-z0-9_]), null = random
 * @param nodeUrl       this node's public signaling URL for the cluster directory, null = none
 * @param pinRooms      keep each room on the cluster node that took it first (others redirect joins there)
 * @param redirectAbove local participants from which joins to rooms new to this node are redirected to
 *                      a less loaded node, 0 = never
 * @param relayAddress  the IP address this node's media relay links receive on, null = the first
 *                      announced address, else 127.0.0.1
 */
public record Options(int port, int mediaPort, List<String> announce, RoomMode defaultMode, String bind,
                      String mediaBind, int roomCapacity, int maxFrameBytes, double rateLimit, int rateBurst,
                      Path tlsKeystore, String tlsPassword, String authSecret, String adminToken, String logLevel,
                      int maxRooms, int maxTracks, int handshakeTimeout, int maxHalfOpen,
                      List<String> allowedOrigins, Path authPublicKey, boolean selfSigned, Path tlsCert,
                      Path tlsKey, List<String> iceAllowedNetworks, int handshakeThreads,
                      String tlsKeyPassword, AbuseOptions abuse,
                      int mediaSocketBuffer, List<String> iceServers, String turnSecret, int turnTtl,
                      boolean socketIo, String clusterRedis, String nodeId, String nodeUrl,
                      boolean pinRooms, int redirectAbove, String relayAddress) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MEDIA_PORT = 10000;
    static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    public Options {
        range("--port", port, 0, 65535);
        range("--media-port", mediaPort, 0, 65535);
        announce = List.copyOf(Objects.requireNonNull(announce, "announce"));
        for (String a : announce) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("--announce must be a non-empty address");
            }
        }
        Objects.requireNonNull(defaultMode, "defaultMode");
        bind = blankToNull(bind);
        mediaBind = blankToNull(mediaBind);
        range("--room-capacity", roomCapacity, 0, JunctionBuilder.MAX_CAPACITY);
        range("--max-frame-bytes", maxFrameBytes, 1024, 16 * 1024 * 1024);
        if (!(rateLimit > 0) || rateLimit > 10_000) {
            throw new IllegalArgumentException("--rate-limit must be in (0, 10000] (got " + rateLimit + ")");
        }
        range("--rate-burst", rateBurst, 1, 100_000);
        if (tlsKeystore != null && !Files.isReadable(tlsKeystore)) {
            throw new IllegalArgumentException("--tls-keystore must be a readable PKCS12 file (got " + tlsKeystore + ")");
        }
        if (tlsKeystore != null && tlsPassword == null) {
            throw new IllegalArgumentException("--tls-keystore-password is required with --tls-keystore");
        }
        authSecret = blankToNull(authSecret);
        if (authSecret != null
                && authSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < JwtAuthenticator.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("--auth-secret must be at least " + JwtAuthenticator.MIN_SECRET_BYTES
                    + " bytes");
        }
        adminToken = blankToNull(adminToken);
        if (adminToken != null && (adminToken.length() < JunctionBuilder.MIN_ADMIN_TOKEN
                || !adminToken.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("--admin-token must be 8+ printable characters without spaces");
        }
        allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins").stream()
                .filter(o -> !o.isBlank()).toList();
        for (String o : allowedOrigins) {
            if (!o.contains("://")) {
                throw new IllegalArgumentException("--allowed-origins must list origins like https://host:port (got '"
                        + o + "')");
            }
        }
        if (selfSigned && tlsKeystore != null) {
            throw new IllegalArgumentException("--self-signed and --tls-keystore are exclusive");
        }
        checkPem(tlsCert, tlsKey, tlsKeyPassword, tlsKeystore, selfSigned);
        if (authPublicKey != null) {
            if (authSecret != null) {
                throw new IllegalArgumentException("--auth-secret and --auth-public-key are exclusive");
            }
            try {
                JwtAuthenticator.rs256(PemPublicKeys.rsa(authPublicKey));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--auth-public-key: " + e.getMessage(), e);
            }
        }
        iceAllowedNetworks = Objects.requireNonNull(iceAllowedNetworks, "iceAllowedNetworks").stream()
                .filter(n -> !n.isBlank()).toList();
        RemoteNetworks.parse("--ice-allowed-networks", iceAllowedNetworks); // throws naming the option and entry
        range("--max-rooms", maxRooms, 1, 1_000_000);
        range("--max-tracks", maxTracks, 1, 256);
        range("--handshake-timeout", handshakeTimeout, 1, 60);
        range("--max-half-open", maxHalfOpen, 1, 1000);
        range("--handshake-threads", handshakeThreads, 1, io.junction.sfu.SfuOptions.MAX_HANDSHAKE_THREADS);
        Objects.requireNonNull(abuse, "abuse");
        if (mediaSocketBuffer != 0) {
            range("--media-socket-buffer", mediaSocketBuffer, 65536, 256 << 20);
        }
        iceServers = Objects.requireNonNull(iceServers, "iceServers").stream().filter(u -> !u.isBlank())
                .map(u -> IceServerUrl.parse("--ice-servers", u).text()).toList();
        turnSecret = blankToNull(turnSecret);
        if (turnSecret != null) {
            TurnRestCredentials.checkSecret("--turn-secret", turnSecret);
        }
        TurnRestCredentials.checkTtl("--turn-ttl", java.time.Duration.ofSeconds(turnTtl));
        if (turnSecret == null && iceServers.stream().anyMatch(u -> IceServerUrl.parse("--ice-servers", u).isTurn())) {
            throw new IllegalArgumentException("--ice-servers lists a turn:/turns: URL but --turn-secret "
                    + "(JUNCTION_TURN_SECRET) is not set; clients need credentials for it");
        }
        clusterRedis = blankToNull(clusterRedis);
        nodeId = blankToNull(nodeId);
        nodeUrl = blankToNull(nodeUrl);
        checkCluster(clusterRedis, nodeId, nodeUrl, pinRooms, redirectAbove);
        relayAddress = blankToNull(relayAddress);
        if (relayAddress != null && clusterRedis == null) {
            throw new IllegalArgumentException("--relay-address needs --cluster-redis");
        }
        logLevel = Objects.requireNonNull(logLevel, "logLevel").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("--log-level must be one of trace, debug, info, warn, error (got "
                    + logLevel + ")");
        }
    }

    private static void checkCluster(String clusterRedis, String nodeId, String nodeUrl, boolean pinRooms,
                                     int redirectAbove) {
        if (redirectAbove < 0 || redirectAbove > 1_000_000) {
            throw new IllegalArgumentException("--redirect-above must be in 0..1000000 (got " + redirectAbove + ")");
        }
        if (clusterRedis == null) {
            if (nodeId != null || nodeUrl != null || pinRooms || redirectAbove > 0) {
                throw new IllegalArgumentException("--node-id, --node-url, --pin-rooms and --redirect-above need "
                        + "--cluster-redis");
            }
            return;
        }
        if ((pinRooms || redirectAbove > 0) && nodeUrl == null) {
            throw new IllegalArgumentException("--pin-rooms and --redirect-above need --node-url: other nodes send "
                    + "clients to this node by it");
        }
        try {
            io.junction.cluster.ClusterOptions.of(clusterRedis).withNodeId(nodeId != null ? nodeId : "n").withNodeUrl(nodeUrl);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("redisUri") ? "--cluster-redis" + m.substring(8)
                    : m.startsWith("nodeId") ? "--node-id" + m.substring(6)
                    : m.startsWith("nodeUrl") ? "--node-url" + m.substring(7) : m, e);
        }
    }

    private static void checkPem(Path tlsCert, Path tlsKey, String tlsKeyPassword, Path tlsKeystore,
                                 boolean selfSigned) {
        if (tlsCert == null && tlsKey == null) {
            if (tlsKeyPassword != null) {
                throw new IllegalArgumentException("--tls-key-password is given without --tls-key");
            }
            return;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException((tlsCert == null ? "--tls-cert" : "--tls-key")
                    + " is missing: --tls-cert and --tls-key must be given together");
        }
        if (tlsKeystore != null) {
            throw new IllegalArgumentException("--tls-cert/--tls-key and --tls-keystore are exclusive");
        }
        if (selfSigned) {
            throw new IllegalArgumentException("--self-signed and --tls-cert/--tls-key are exclusive");
        }
        PemKeyStores.check(tlsCert, "--tls-cert", tlsKey, "--tls-key", tlsKeyPassword);
    }

    /** Port 8080, media port 10000, no announced address, sfu rooms, everything else at its default. */
    public static Options defaults() {
        return new Options(DEFAULT_PORT, DEFAULT_MEDIA_PORT, List.of(), RoomMode.SFU, null, null, 0, 64 * 1024, 50,
                100, null, null, null, null, "info", 1000, 16, 10,
                io.junction.sfu.SfuOptions.DEFAULT_MAX_HALF_OPEN_PER_SOURCE, List.of(), null, false, null, null, List.of(),
                io.junction.sfu.SfuOptions.DEFAULT_HANDSHAKE_THREADS, null, AbuseOptions.defaults(),
                io.junction.ice.IceConfig.DEFAULT_SOCKET_BUFFER, List.of(), null,
                (int) TurnRestCredentials.DEFAULT_TTL.toSeconds(), true, null, null, null, false, 0, null);
    }

    /** A Junction builder carrying these options. */
    public JunctionBuilder toBuilder() {
        JunctionBuilder b = io.junction.server.Junction.builder().httpPort(port).bindAddress(bind)
                .mediaPort(mediaPort).mediaBindAddress(mediaBind).announce(announce).defaultMode(defaultMode)
                .roomCapacity(roomCapacity).maxFrameBytes(maxFrameBytes).rateLimit(rateLimit, rateBurst)
                .adminToken(adminToken).maxRooms(maxRooms).maxTracksPerParticipant(maxTracks)
                .handshakeTimeout(java.time.Duration.ofSeconds(handshakeTimeout)).maxHalfOpenPerSource(maxHalfOpen)
                .handshakeThreads(handshakeThreads).mediaSocketBuffer(mediaSocketBuffer)
                .allowedOrigins(allowedOrigins).selfSigned(selfSigned).iceAllowedNetworks(iceAllowedNetworks)
                .socketIo(socketIo);
        if (tlsKeystore != null) {
            b.tlsKeystore(tlsKeystore, tlsPassword);
        }
        if (tlsCert != null) {
            b.tlsCertificate(tlsCert).tlsPrivateKey(tlsKey, tlsKeyPassword);
        }
        if (clusterRedis != null) {
            b.clusterRedis(clusterRedis).nodeId(nodeId).nodeUrl(nodeUrl).relayAddress(relayAddress);
            if (pinRooms || redirectAbove > 0) {
                b.clusterPlacement(new io.junction.cluster.Placement.Policy(pinRooms, redirectAbove));
            }
        }
        if (authSecret != null) {
            b.authenticator(JwtAuthenticator.hs256(authSecret, java.time.Clock.systemUTC(), abuse.jwtPolicy()));
        }
        if (authPublicKey != null) {
            b.authenticator(JwtAuthenticator.rs256(PemPublicKeys.rsa(authPublicKey), java.time.Clock.systemUTC(),
                    abuse.jwtPolicy()));
        }
        abuse.applyTo(b);
        b.iceServers(iceServers).turnSecret(turnSecret).turnCredentialTtl(java.time.Duration.ofSeconds(turnTtl));
        return b;
    }

    /** Like the record's, with the secrets masked (options may be logged). */
    @Override
    public String toString() {
        return "Options[port=" + port + ", mediaPort=" + mediaPort + ", announce=" + announce + ", defaultMode="
                + defaultMode + ", bind=" + bind + ", mediaBind=" + mediaBind + ", roomCapacity=" + roomCapacity
                + ", maxFrameBytes=" + maxFrameBytes + ", rateLimit=" + rateLimit + ", rateBurst=" + rateBurst
                + ", tlsKeystore=" + tlsKeystore + ", tlsPassword=" + mask(tlsPassword) + ", authSecret="
                + mask(authSecret) + ", adminToken=" + mask(adminToken) + ", logLevel=" + logLevel + ", maxRooms=" + maxRooms
                + ", maxTracks=" + maxTracks + ", handshakeTimeout=" + handshakeTimeout
                + ", maxHalfOpen=" + maxHalfOpen + ", handshakeThreads=" + handshakeThreads + ", allowedOrigins=" + allowedOrigins
                + ", authPublicKey=" + authPublicKey + ", selfSigned=" + selfSigned + ", tlsCert=" + tlsCert
                + ", tlsKey=" + tlsKey + ", tlsKeyPassword=" + mask(tlsKeyPassword)
                + ", iceAllowedNetworks=" + iceAllowedNetworks + ", abuse=" + abuse + ", mediaSocketBuffer=" + mediaSocketBuffer
                + ", iceServers=" + iceServers + ", turnSecret=" + mask(turnSecret) + ", turnTtl=" + turnTtl + ", socketIo=" + socketIo
                + ", clusterRedis=" + clusterRedis + ", nodeId=" + nodeId + ", nodeUrl=" + nodeUrl
                + ", pinRooms=" + pinRooms + ", redirectAbove=" + redirectAbove + ", relayAddress=" + relayAddress + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "***";
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + " (got " + value + ")");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
