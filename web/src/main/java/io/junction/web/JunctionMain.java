package io.junction.web;

import ch.qos.logback.classic.Level;
import io.junction.ice.IceConfig;
import io.junction.ice.MediaIoBackend;
import io.junction.signaling.RoomMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code java -jar junction.jar [OPTIONS]}. Every option can also come from the
 * environment ({@code JUNCTION_<NAME>}) or a properties file ({@code --config FILE}); precedence
 * is command line, then environment, then file, then the built-in default ({@link ConfigSources}).
 * Runs until Ctrl-C or SIGTERM, then closes cleanly from a shutdown hook.
 */
@Command(name = "junction", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Junction: WebRTC signaling and SFU media server.",
        footer = {"",
                "Every option NAME may also be set by the environment variable JUNCTION_<NAME> (upper case,",
                "dashes as underscores, e.g. JUNCTION_MEDIA_PORT=10000) or by the key NAME in the properties",
                "file given with --config or JUNCTION_CONFIG (e.g. media-port=10000; list values comma",
                "separated). Precedence: command line > environment > config file > default."})
public final class JunctionMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionMain.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with option values (env JUNCTION_CONFIG).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP and WebSocket port, 0..65535, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "",
            description = "Address the HTTP port listens on (default: all interfaces).")
    String bind;

    @Option(names = "--media-port", paramLabel = "PORT", defaultValue = "10000",
            description = "UDP media port shared by all participants, 0..65535 (default: ${DEFAULT-VALUE}).")
    int mediaPort;

    @Option(names = "--media-bind", paramLabel = "ADDR", defaultValue = "",
            description = "Address the UDP media port binds to (default: all interfaces).")
    String mediaBind;

    @Option(names = "--announce", paramLabel = "ADDR", split = ",",
            description = "Address put in the server's ICE candidates; repeat or comma-separate for several "
                    + "(default: the machine's addresses).")
    List<String> announce = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "sfu",
            description = "Mode of new rooms: sfu or p2p (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--room-capacity", paramLabel = "N", defaultValue = "0",
            description = "Participants per room, 1..10000; 0 = the mode's default, 16 sfu / 2 p2p "
                    + "(default: ${DEFAULT-VALUE}).")
    int roomCapacity;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest signaling frame, 1024..16777216 (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Option(names = "--rate-limit", paramLabel = "PER_S", defaultValue = "50",
            description = "Signaling messages per second per connection, (0, 10000] (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "100",
            description = "Signaling messages a connection may send at once, 1..100000 (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "1000",
            description = "Rooms at once, 1..1000000; a join creating one more gets 'full' (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(names = "--max-tracks", paramLabel = "N", defaultValue = "16",
            description = "Tracks a participant may send on in one offer, 1..256; a bigger offer gets error "
                    + "'unsupported' (default: ${DEFAULT-VALUE}).")
    int maxTracks;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time an ICE + DTLS handshake may take before the transport fails, 1..60 "
                    + "(default: ${DEFAULT-VALUE}).")
    int handshakeTimeout;

    @Option(names = "--handshake-threads", paramLabel = "N", defaultValue = "32",
            description = "Most DTLS handshakes running at once, 1..256; more wait for a thread. Keep it above "
                    + "--max-half-open, or one address whose clients stay silent after ICE can delay everyone "
                    + "else's handshake (default: ${DEFAULT-VALUE}).")
    int handshakeThreads;

    @Option(names = "--max-half-open", paramLabel = "N", defaultValue = "8",
            description = "Media sessions one remote IP address may have half-open at the media port (from its "
                    + "first valid ICE check until DTLS completes), 1..1000; further checks from that address are "
                    + "dropped and counted until a slot frees; joins are never refused for it (default: ${DEFAULT-VALUE}).")
    int maxHalfOpen;

    @Option(names = "--media-socket-buffer", paramLabel = "BYTES", defaultValue = "4194304",
            description = "SO_RCVBUF/SO_SNDBUF of the media port's sockets, 0 (kernel default) or 65536..268435456; "
                    + "the kernel caps it at net.core.rmem_max/wmem_max and the granted size is logged "
                    + "(default: ${DEFAULT-VALUE}).")
    int mediaSocketBuffer;

    @Option(names = "--media-io", paramLabel = "BACKEND", defaultValue = "auto",
            description = "UDP I/O of the media port: epoll (netty's native transport: recvmmsg, sendmmsg batches, "
                    + "SO_REUSEPORT receive sockets), nio (java.nio DatagramChannel, one datagram per call) or auto "
                    + "(epoll where its native library loads, else nio); the one that runs is logged at start "
                    + "(default: ${DEFAULT-VALUE}).")
    String mediaIo;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
            description = "epoll only: receive sockets per media address sharing the port (SO_REUSEPORT), each "
                    + "read by its own I/O thread, 1..64 (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN", split = ",",
            description = "Origins (https://host:port) whose pages may open the WebSocket; others get HTTP 403 "
                    + "on upgrade; repeat or comma-separate (default: every origin).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--ice-allowed-networks", paramLabel = "CIDR", split = ",",
            description = "Remote networks ICE may use, e.g. 10.0.0.0/8,192.168.1.0/24,::1/128 (IPv4 or IPv6, host "
                    + "bits zero); checks from other addresses are dropped and remote candidates outside them "
                    + "ignored; repeat or comma-separate (default: every address).")
    List<String> iceAllowedNetworks = new ArrayList<>();

    @Option(names = "--ice-servers", paramLabel = "URL", split = ",",
            description = "STUN/TURN servers handed to clients in joined.iceServers: stun:HOST[:PORT], "
                    + "turn:HOST[:PORT][?transport=udp|tcp] or turns:...; TURN URLs need --turn-secret; repeat or "
                    + "comma-separate (default: none).")
    List<String> iceServers = new ArrayList<>();

    @Option(names = "--turn-secret", paramLabel = "SECRET", defaultValue = "",
            description = "Secret shared with the TURN server (coturn: use-auth-secret, static-auth-secret), 32..256 "
                    + "printable ASCII characters: each join gets TURN credentials '<expiry>:<id>' / "
                    + "base64(HMAC-SHA1) (default: none; prefer JUNCTION_TURN_SECRET).")
    String turnSecret;

    @Option(names = "--turn-ttl", paramLabel = "SECONDS", defaultValue = "86400",
            description = "Lifetime of the TURN credentials of a join, 60..604800; a relayed session ends when they "
                    + "expire (default: ${DEFAULT-VALUE}).")
    int turnTtl;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS12 keystore: serve HTTPS and WSS instead of HTTP (default: none).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "SECRET",
            description = "Password of --tls-keystore (prefer JUNCTION_TLS_KEYSTORE_PASSWORD).")
    String tlsPassword;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM file with the certificate chain, the server's own certificate first: serve HTTPS and "
                    + "WSS with it and --tls-key; exclusive with --tls-keystore and --self-signed (default: none).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM file with the RSA or EC private key of --tls-cert (PRIVATE KEY, "
                    + "RSA PRIVATE KEY or EC PRIVATE KEY; encrypted ones need --tls-key-password) (default: none).")
    Path tlsKey;

    @Option(names = "--tls-key-password", paramLabel = "SECRET",
            description = "Password of an encrypted --tls-key (ENCRYPTED PRIVATE KEY or OpenSSL's Proc-Type "
                    + "form; prefer JUNCTION_TLS_KEY_PASSWORD) (default: none).")
    String tlsKeyPassword;

    @Option(names = "--socketio", paramLabel = "BOOL", defaultValue = "true", arity = "0..1", fallbackValue = "true",
            description = "Serve the socket.io front for classic clients (socket.io-client 3/4 pages) at /socket.io/ "
                    + "on the HTTP port; in p2p rooms they relay to each other, in sfu rooms the server is their single "
                    + "peer (they publish, and receive the active speaker's video and audio) (default: ${DEFAULT-VALUE}).")
    boolean socketIo;

    @Option(names = "--self-signed", paramLabel = "BOOL", defaultValue = "false", arity = "0..1",
            fallbackValue = "true",
            description = "Serve HTTPS and WSS with a certificate generated at start-up for localhost, loopback, "
                    + "--bind and --announce (local development only; browsers warn) (default: ${DEFAULT-VALUE}).")
    boolean selfSigned;

    @Option(names = "--auth-secret", paramLabel = "SECRET", defaultValue = "",
            description = "HS256 secret (32+ bytes) of the JWT every join must carry as 'token', with claims "
                    + "room (name or *), publish, subscribe (default: none, every join admitted; prefer "
                    + "JUNCTION_AUTH_SECRET).")
    String authSecret;

    @Option(names = "--auth-public-key", paramLabel = "FILE",
            description = "PEM file with the RSA public key (2048+ bits) verifying RS256 join tokens, same claims "
                    + "as --auth-secret; exclusive with it (default: none).")
    Path authPublicKey;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "",
            description = "Bearer token required by /api/rooms and /metrics, 8+ characters (default: none, open; "
                    + "prefer JUNCTION_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--token-leeway", paramLabel = "SECONDS", defaultValue = "5",
            description = "Clock skew tolerated on join-token exp/nbf/iat, 0..300 (default: ${DEFAULT-VALUE}).")
    int tokenLeeway;

    @Option(names = "--token-max-lifetime", paramLabel = "SECONDS", defaultValue = "86400",
            description = "Longest join-token validity accepted (exp - iat, or exp - now without iat), "
                    + "1..31622400 (default: ${DEFAULT-VALUE}).")
    int tokenMaxLifetime;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "64",
            description = "Open WebSockets one client IP address may hold, 1..1000000; more get HTTP 503 "
                    + "(raise it behind a reverse proxy or NAT) (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "Open WebSockets in total, 1..10000000; more get HTTP 503 (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--ping-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "A WebSocket from which nothing, not even a pong, arrived for this long is closed; "
                    + "pinged every third of it, 1..3600 (default: ${DEFAULT-VALUE}).")
    int pingTimeout;

    @Option(names = "--max-violations", paramLabel = "N", defaultValue = "100",
            description = "Refused frames (rate-limited, malformed, too large) before a connection is closed "
                    + "with protocol-closed, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int maxViolations;

    @Option(names = "--http-idle-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Seconds an HTTP connection may stay idle, also while sending its request headers, "
                    + "1..300 (default: ${DEFAULT-VALUE}).")
    int httpIdleTimeout;

    @Option(names = "--cluster-redis", paramLabel = "URI", defaultValue = "",
            description = "redis://HOST:PORT of a Redis shared by the nodes of a cluster: rooms then span the nodes, "
                    + "sfu rooms' media relayed between them (default: none, one node).")
    String clusterRedis;

    @Option(names = "--node-id", paramLabel = "ID", defaultValue = "",
            description = "This node's id in the cluster, 1..32 characters of A-Z a-z 0-9 _; prefixes participant "
                    + "ids (default: random).")
    String nodeId;

    @Option(names = "--node-url", paramLabel = "URL", defaultValue = "",
            description = "This node's public signaling URL (e.g. wss://host:8443/ws), listed in the cluster "
                    + "directory (default: none).")
    String nodeUrl;

    @Option(names = "--pin-rooms", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL",
            description = "Cluster placement: a room lives on the node that took it first; joins reaching another "
                    + "node get a redirect to it (needs --node-url) (default: ${DEFAULT-VALUE}).")
    boolean pinRooms;

    @Option(names = "--redirect-above", paramLabel = "N", defaultValue = "0",
            description = "Cluster placement: from N local participants on, joins to rooms this node does not host "
                    + "get a redirect to a less loaded node (needs --node-url); 0 = never (default: ${DEFAULT-VALUE}).")
    int redirectAbove;

    @Option(names = "--relay-address", paramLabel = "IP", defaultValue = "",
            description = "The IP address this node's media relay links receive on; the other nodes' media ports "
                    + "must be reachable from it (default: the first --announce address, else 127.0.0.1).")
    String relayAddress;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level: trace, debug, info, warn, error (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The validated options; throws a picocli parameter error naming the bad option. */
    Options options() {
        try {
            mediaIoBackend();
            return new Options(port, mediaPort, announce, RoomMode.fromWireName(mode), bind, mediaBind, roomCapacity,
                    maxFrameBytes, rateLimit, rateBurst, tlsKeystore, tlsPassword, authSecret, adminToken, logLevel,
                    maxRooms, maxTracks, handshakeTimeout, maxHalfOpen, allowedOrigins,
                    authPublicKey, selfSigned, tlsCert, tlsKey, iceAllowedNetworks, handshakeThreads, tlsKeyPassword,
                    new AbuseOptions(tokenLeeway, tokenMaxLifetime, maxConnectionsPerAddress, maxConnections,
                            pingTimeout, maxViolations, httpIdleTimeout),
                    mediaSocketBuffer, iceServers, turnSecret, turnTtl, socketIo,
                    clusterRedis, nodeId, nodeUrl, pinRooms, redirectAbove, relayAddress);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("mode ") ? "--" + e.getMessage() : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), message, e);
        }
    }

    @Override
    public Integer call() throws Exception {
        Options o = options();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(o.logLevel()));
        for (String option : secretsOnCommandLine(spec.commandLine().getParseResult())) {
            LOG.warn("{} was given on the command line, where other users can read it (ps, /proc); prefer the "
                    + "environment variable {} or the config file key {} (--config)", option,
                    ConfigSources.envName(option), ConfigSources.key(option));
        }
        LOG.info("join tokens {}", o.authSecret() != null ? "required (HS256 JWT)"
                : o.authPublicKey() != null ? "required (RS256 JWT)" : "not required");
        LOG.info("ICE servers for clients: {}{}", o.iceServers().isEmpty() ? "none" : o.iceServers(),
                o.turnSecret() != null ? " (TURN credentials minted per join, valid " + o.turnTtl() + " s)" : "");
        // the media port's configuration takes these as its defaults (IceConfig.Builder)
        System.setProperty(MediaIoBackend.PROPERTY, mediaIoBackend().name().toLowerCase(java.util.Locale.ROOT));
        System.setProperty(IceConfig.IO_THREADS_PROPERTY, Integer.toString(ioThreads));
        JunctionServer server = JunctionServer.start(o);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "junction-shutdown"));
        stopped.await();
        return 0;
    }

    /** --media-io and --io-threads, validated (IllegalArgumentException naming the option). */
    MediaIoBackend mediaIoBackend() {
        MediaIoBackend b = MediaIoBackend.parse("--media-io", mediaIo);
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("--io-threads must be in 1..64, got " + ioThreads);
        }
        return b;
    }

    /** Options holding secrets, which should not be passed as command-line arguments. */
    static final List<String> SECRET_OPTIONS = List.of("--auth-secret", "--admin-token", "--tls-keystore-password",
            "--tls-key-password", "--turn-secret");

    /** The secret options given as command-line arguments (not from the environment or the config file). */
    static List<String> secretsOnCommandLine(CommandLine.ParseResult parsed) {
        return SECRET_OPTIONS.stream().filter(option -> secretOnCommandLine(parsed, option)).toList();
    }

    /** Whether {@code option} was typed on the command line (not taken from the environment or the file). */
    static boolean secretOnCommandLine(CommandLine.ParseResult parsed, String option) {
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /**
     * A command line reading defaults from {@code env} and the config file named in {@code args}
     * (or {@code env}). A bad config file is reported as a parameter error.
     */
    static CommandLine commandLine(Map<String, String> env, String... args) {
        JunctionMain main = new JunctionMain();
        CommandLine cl = new CommandLine(main);
        Set<String> keys = cl.getCommandSpec().options().stream().map(o -> ConfigSources.key(o.longestName()))
                .filter(k -> !k.equals("help") && !k.equals("config")).collect(Collectors.toSet());
        Properties file;
        try {
            file = ConfigSources.loadFile(args, env, keys);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage(), e);
        }
        cl.setDefaultValueProvider(new ConfigSources(env, file));
        return cl;
    }

    /** Parses {@code args} with the given environment, without starting anything (for tests). */
    public static Options parse(Map<String, String> env, String... args) {
        CommandLine cl = commandLine(env, args);
        cl.parseArgs(args);
        return ((JunctionMain) cl.getCommand()).options();
    }

    /** Parses {@code args} ignoring the environment (for embedding and tests). */
    public static Options parse(String... args) {
        return parse(Map.of(), args);
    }

    public static void main(String[] args) {
        CommandLine cl;
        try {
            cl = commandLine(System.getenv(), args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(cl.execute(args));
    }
}
