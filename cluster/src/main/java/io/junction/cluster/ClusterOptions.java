package io.junction.cluster;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Settings of a {@link ClusterNode}, validated at construction (a bad value throws naming the
 * option and its allowed range).
 *
 * @param redisUri          {@code redis://HOST:PORT} (optionally {@code /DB}) of the cluster's Redis
 * @param nodeId            this node's id, 1..32 characters of {@code [A-Za-z0-9_]}; prefixes its
 *                          participant ids ({@code <nodeId>-p<n>})
 * @param nodeUrl           the public signaling URL of this node (shown in the directory), or null
 * @param heartbeat         how often the node refreshes its record and reads the directory,
 *                          100 ms..(ttl / 2) (default 1 s)
 * @param ttl               a node whose record was not refreshed this long is dead, 2..60 s
 *                          (default 5 s: its participants get {@code bye} within ttl + heartbeat)
 * @param prepareTimeout    how long a join to a room new to this node waits for the room's members
 *                          on other nodes, 0..10 s (default 2 s; then it proceeds without them and
 *                          they arrive as {@code otherjoin})
 * @param millisClock       time source of the liveness decisions (default {@link System#currentTimeMillis})
 * @param placement         where joins to rooms new to this node go (default {@link Placement.Policy#NONE}:
 *                          always here)
 */
public record ClusterOptions(String redisUri, String nodeId, String nodeUrl, Duration heartbeat, Duration ttl,
                             Duration prepareTimeout, LongSupplier millisClock, Placement.Policy placement) {
    /** Node ids: they become part of participant ids and Redis keys. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");

    public ClusterOptions {
        redisUri = checkRedisUri(redisUri);
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("nodeId must be 1..32 characters of [A-Za-z0-9_] (got '" + nodeId + "')");
        }
        if (nodeUrl != null && (nodeUrl.isBlank() || !nodeUrl.contains("://"))) {
            throw new IllegalArgumentException("nodeUrl must be a URL like wss://host:port/ws (got '" + nodeUrl + "')");
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofSeconds(2)) < 0 || ttl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("ttl must be in 2..60 s (got " + ttl + ")");
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.compareTo(Duration.ofMillis(100)) < 0 || heartbeat.compareTo(ttl.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("heartbeat must be in 100 ms..ttl/2 (" + ttl.dividedBy(2).toMillis()
                    + " ms) (got " + heartbeat.toMillis() + " ms)");
        }
        Objects.requireNonNull(prepareTimeout, "prepareTimeout");
        if (prepareTimeout.isNegative() || prepareTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("prepareTimeout must be in 0..10 s (got " + prepareTimeout + ")");
        }
        Objects.requireNonNull(millisClock, "millisClock");
        Objects.requireNonNull(placement, "placement");
        if (placement.any() && nodeUrl == null) {
            // other nodes redirect here by this URL; without one this node could send joins away but never take them
            throw new IllegalArgumentException("a placement policy (pinned rooms or redirectAbove) needs the node's URL"
                    + " (--node-url)");
        }
    }

    /** Joins the cluster at {@code redisUri} with a random node id and the default timings. */
    public static ClusterOptions of(String redisUri) {
        return new ClusterOptions(redisUri, randomNodeId(), null, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(2), System::currentTimeMillis, Placement.Policy.NONE);
    }

    /** 8 random hex digits. */
    public static String randomNodeId() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return "n" + HexFormat.of().formatHex(b);
    }

    public ClusterOptions withNodeId(String id) {
        return new ClusterOptions(redisUri, id, nodeUrl, heartbeat, ttl, prepareTimeout, millisClock, placement);
    }

    public ClusterOptions withNodeUrl(String url) {
        return new ClusterOptions(redisUri, nodeId, url, heartbeat, ttl, prepareTimeout, millisClock, placement);
    }

    /** Where joins to rooms new to this node go (needs a {@link #nodeUrl}). */
    public ClusterOptions withPlacement(Placement.Policy policy) {
        return new ClusterOptions(redisUri, nodeId, nodeUrl, heartbeat, ttl, prepareTimeout, millisClock, policy);
    }

    /** Heartbeat interval and node TTL. */
    public ClusterOptions withTimings(Duration heartbeatInterval, Duration nodeTtl) {
        return new ClusterOptions(redisUri, nodeId, nodeUrl, heartbeatInterval, nodeTtl, prepareTimeout, millisClock, placement);
    }

    static String checkRedisUri(String uri) {
        Objects.requireNonNull(uri, "redisUri");
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("redisUri must be redis://HOST:PORT (got '" + uri + "')", e);
        }
        if (!"redis".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getPort() < 1
                || parsed.getPort() > 65535) {
            throw new IllegalArgumentException("redisUri must be redis://HOST:PORT with a port in 1..65535 (got '"
                    + uri + "')");
        }
        return uri;
    }
}
