package io.junction.server;

import io.junction.sfu.SfuEngine;
import io.junction.sfu.view.EngineTotals;
import io.junction.sfu.view.ParticipantView;
import io.junction.sfu.view.RoomView;
import io.junction.signaling.SignalingServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.junction.sfu.data.DataStats;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * This instance's Prometheus metrics (its own registry, never the global one). Media counters
 * come from one engine snapshot taken per scrape ({@link #scrape()}), so a scrape costs one task
 * per room worker and nothing is counted on the packet path.
 */
final class JunctionMetrics implements AutoCloseable {
    /** PROTOCOL.md error codes, each exported even when zero. */
    static final List<String> ERROR_CODES = List.of("bad-json", "bad-message", "too-large", "rate-limited",
            "not-in-room", "already-in-room", "unauthorized", "bad-sdp", "unsupported", "internal", "protocol-closed");
    static final List<String> TRANSPORT_STATES = List.of("new", "connecting", "connected", "failed", "closed");
    static final List<String> DROP_REASONS = List.of("unknown-ssrc", "unknown-payload-type", "no-buffer",
            "pool-exhausted", "invalid-rtcp", "not_connected", "unknown_kind", "srtp_auth", "srtp_replay",
            "srtp_invalid", "dtls_after_failure", "send_protect_failed", "ice_network_rejected", "stun_malformed",
            // the media port's own drops (io.junction.ice.PortDrop)
            "port_unknown_address", "port_not_stun_dtls_rtp", "port_over_limit", "port_unknown_ufrag",
            "port_bad_integrity", "port_bad_request", "port_role_conflict", "port_unexpected_stun");

    /** What one scrape saw. */
    private record Snapshot(List<RoomView> rooms, EngineTotals totals, Map<String, Long> errors, DataStats data) {
    }

    /** Data-channel drop reasons (docs/PROTOCOL.md, "Data channels"), each exported even when zero. */
    static final Map<String, ToDoubleFunction<DataStats>> DATA_DROPS = dataDrops();

    private final SfuEngine engine;
    private final SignalingServer signaling;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Snapshot last = new Snapshot(List.of(),
            new EngineTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of()), Map.of(), DataStats.ZERO);

    JunctionMetrics(SfuEngine engine, SignalingServer signaling, LongSupplier dataCallbacksDropped) {
        this.engine = engine;
        this.signaling = signaling;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        Gauge.builder("junction.rooms", this, m -> m.signaling.rooms().roomCount())
                .description("rooms with participants (signaling)").register(registry);
        Gauge.builder("junction.media.rooms", this, m -> m.last.rooms().size())
                .description("rooms with media sessions").register(registry);
        Gauge.builder("junction.participants", this, m -> m.last.rooms().stream()
                        .mapToInt(r -> r.participants().size()).sum()
                        + m.signaling.rooms().participantCount(io.junction.signaling.RoomMode.P2P))
                .description("participants: with media sessions (sfu) plus those of p2p rooms").register(registry);
        for (String state : TRANSPORT_STATES) {
            Gauge.builder("junction.transports", this, m -> m.transportsIn(state)).tag("state", state)
                    .description("media transports by state").register(registry);
        }
        Gauge.builder("junction.bwe.limited.subscribers", this, m -> m.participantsWhere(p -> p.bandwidth().limited()))
                .description("participants whose downlink estimate caps the simulcast layers they receive")
                .register(registry);
        Gauge.builder("junction.bwe.measured.subscribers", this,
                        m -> m.participantsWhere(p -> p.bandwidth().estimateBps() >= 0))
                .description("participants with a send-side bandwidth estimate (transport-wide feedback or REMB)")
                .register(registry);
        counter("junction.packets.in", "RTP packets received from publishers", t -> t.packetsIn());
        counter("junction.bytes.in", "RTP bytes received from publishers", t -> t.bytesIn());
        counter("junction.packets.out", "RTP packets forwarded to subscribers", t -> t.packetsOut());
        counter("junction.bytes.out", "RTP bytes forwarded to subscribers", t -> t.bytesOut());
        counter("junction.nacks.sent", "NACKs sent to publishers", t -> t.nacksSent());
        counter("junction.nacks.received", "NACKs received from subscribers", t -> t.nacksReceived());
        counter("junction.nacks.served", "packets retransmitted for NACKs", t -> t.nacksServed());
        counter("junction.pli.sent", "PLIs sent to publishers", t -> t.pliSent());
        counter("junction.fir.sent", "FIRs sent to publishers", t -> t.firSent());
        counter("junction.srtp.auth.failures", "SRTP/SRTCP packets failing authentication",
                t -> t.srtpAuthFailures());
        FunctionCounter.builder("junction.halfopen.refusals", engine, SfuEngine::halfOpenRefusals)
                .description("valid ICE checks dropped at the media port: their remote address had too many "
                        + "sessions being set up").register(registry);
        Gauge.builder("junction.halfopen.transports", engine, SfuEngine::halfOpenTransports)
                .description("media sessions between their first valid ICE check and DTLS completion")
                .register(registry);
        Gauge.builder("junction.media.port.kernel.drops", engine, e -> e.icePort().kernelDrops())
                .description("datagrams the kernel dropped on the media port (/proc/net/udp drops; -1 unknown)")
                .register(registry);
        Gauge.builder("junction.media.port.receive.buffer", engine, e -> e.icePort().grantedReceiveBuffer())
                .description("SO_RCVBUF the kernel granted the media port's sockets").baseUnit("bytes")
                .register(registry);
        for (String reason : DROP_REASONS) {
            FunctionCounter.builder("junction.packets.dropped", this,
                            m -> m.last.totals().dropped().getOrDefault(reason, 0L))
                    .tag("reason", reason).description("packets dropped, by reason").register(registry);
        }
        dataCounter("junction.data.messages", "in", "data-channel messages received from participants and "
                + "application members", DataStats::received);
        dataCounter("junction.data.messages", "out", "data-channel message copies queued toward receivers",
                DataStats::delivered);
        dataCounter("junction.data.bytes", "in", "data-channel bytes received (text as UTF-8)",
                DataStats::bytesReceived);
        dataCounter("junction.data.bytes", "out", "data-channel bytes queued toward receivers, envelope included",
                DataStats::bytesDelivered);
        DATA_DROPS.forEach((reason, f) -> FunctionCounter.builder("junction.data.dropped", this,
                        m -> f.applyAsDouble(m.last.data())).tag("reason", reason)
                .description("data-channel message copies dropped, by reason").register(registry));
        FunctionCounter.builder("junction.data.cutoffs", this, m -> m.last.data().cutOff())
                .description("reliable receiver channels closed for exceeding their buffer bound").register(registry);
        FunctionCounter.builder("junction.data.callbacks.dropped", dataCallbacksDropped, LongSupplier::getAsLong)
                .description("messages for application members dropped: their callback queue was full")
                .register(registry);
        for (String code : ERROR_CODES) {
            FunctionCounter.builder("junction.signaling.errors", this, m -> m.last.errors().getOrDefault(code, 0L))
                    .tag("code", code).description("signaling error frames sent, by code").register(registry);
        }
    }

    private void counter(String name, String help, ToDoubleFunction<EngineTotals> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.last.totals())).description(help)
                .register(registry);
    }

    private void dataCounter(String name, String direction, String help, ToDoubleFunction<DataStats> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.last.data())).tag("direction", direction)
                .description(help).register(registry);
    }

    private static Map<String, ToDoubleFunction<DataStats>> dataDrops() {
        Map<String, ToDoubleFunction<DataStats>> m = new LinkedHashMap<>();
        m.put("unreliable_over_bound", DataStats::droppedUnreliable);
        m.put("too_large", DataStats::tooLarge);
        m.put("no_channel", DataStats::noChannel);
        m.put("send_failed", DataStats::sendFailed);
        m.put("unknown_target", DataStats::unknownTarget);
        m.put("bad_envelope", DataStats::badEnvelope);
        return Map.copyOf(m);
    }

    private double participantsWhere(java.util.function.Predicate<ParticipantView> test) {
        int n = 0;
        for (RoomView r : last.rooms()) {
            for (ParticipantView p : r.participants()) {
                if (test.test(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    private double transportsIn(String state) {
        int n = 0;
        for (RoomView r : last.rooms()) {
            for (ParticipantView p : r.participants()) {
                if (p.transportState().equals(state)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Takes a fresh engine snapshot and renders every meter. */
    synchronized String scrape() {
        List<RoomView> rooms = engine.rooms();
        last = new Snapshot(rooms, engine.totals(), new HashMap<>(signaling.errorCounts()), engine.data().totals());
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
