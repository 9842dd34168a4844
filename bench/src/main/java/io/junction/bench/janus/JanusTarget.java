package io.junction.bench.janus;

import java.net.URI;

/**
 * The bench drives a Janus VideoRoom instead of Junction.
 *
 * @param api           HTTP API base of a running Janus ({@code http://HOST:PORT/janus}), or null to spawn one
 * @param binary        the janus executable to spawn (when {@code api} is null)
 * @param iface         interface Janus gathers candidates on (null: the first non-loopback one that is up)
 * @param eventLoops    Janus media threads shared by all handles (spawned Janus only)
 * @param clientAddress IP literal the simulated participants bind their media to
 */
public record JanusTarget(URI api, String binary, String iface, int eventLoops, String clientAddress) {
    public JanusTarget {
        if (api == null && (binary == null || binary.isBlank())) {
            throw new IllegalArgumentException("give a running Janus (--janus URL) or a binary to spawn");
        }
        if (eventLoops < 1 || eventLoops > 64) {
            throw new IllegalArgumentException("janus-event-loops must be in [1, 64], was " + eventLoops);
        }
        if (clientAddress == null || clientAddress.isBlank()) {
            throw new IllegalArgumentException("client-address is required");
        }
    }
}
