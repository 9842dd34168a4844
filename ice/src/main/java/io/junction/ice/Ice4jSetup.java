package io.junction.ice;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process-wide ice4j switches, applied once before the first ice4j Agent exists (clients only: the
 * server's ICE-lite port uses ice4j's STUN message classes, which need none of this).
 *
 * <p>ice4j reads its configuration (jitsi-metaconfig over Typesafe Config, which takes system properties
 * as overrides) once per JVM. These are the
 * only JVM-wide settings Junction makes; they are the same for every Junction server in the JVM, so two
 * servers still do not see each other. A property already set by the embedding application is kept.
 */
final class Ice4jSetup {
    /** System properties set (when absent) before ice4j loads its configuration. */
    static final Map<String, String> PROPERTIES = Map.of(
            // never probe the AWS metadata address (traffic that must not leave the machine)
            "ice4j.harvest.mapping.aws.enabled", "false",
            "ice4j.harvest.mapping.aws.force", "false",
            // host candidates come from our own harvesters only
            "ice4j.harvest.udp.use-dynamic-ports", "false",
            "ice4j.harvest.use-link-local-addresses", "false",
            // one socket per shared port: a second bind of the same port fails instead of silently sharing it
            "ice4j.harvest.udp.socket-pool-size", "1",
            "ice4j.use-component-socket", "false",
            // RFC 7675 §5.1: consent checks every 5 s (ice4j's default is 15 s)
            "ice4j.consent-freshness.interval", "5 seconds");

    /** JUL loggers kept strongly reachable: JUL holds loggers weakly and would forget their level. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.ice4j"), Logger.getLogger("org.jitsi"));

    private static boolean applied;

    private Ice4jSetup() {
    }

    /** Idempotent. */
    static synchronized void apply() {
        if (applied) {
            return;
        }
        for (Logger l : QUIETED) {
            // ice4j is chatty at INFO: keep WARNING and above, routed to SLF4J only for these two
            // namespaces (the JUL root logger and its handlers are left untouched).
            l.setLevel(Level.WARNING);
            l.setUseParentHandlers(false);
            l.addHandler(new SLF4JBridgeHandler());
        }
        PROPERTIES.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        applied = true;
    }
}
