package io.junction.sfu;

import io.junction.sfu.alloc.SubscriptionDemand;
import io.junction.sfu.room.LayerReceiver;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.Subscription;
import io.junction.sfu.view.LayerView;
import io.junction.sfu.view.ParticipantView;
import io.junction.sfu.view.RoomView;
import io.junction.sfu.view.SubscriptionView;
import io.junction.sfu.view.TrackView;
import io.junction.transport.DropReason;
import io.junction.transport.MediaTransport;
import io.junction.transport.TransportStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the read-only views of a room's state. Room worker thread only. */
final class Views {
    private Views() {
    }

    static RoomView room(SfuRoom room) {
        List<ParticipantView> ps = new ArrayList<>();
        for (SfuParticipant p : room.participants()) {
            ps.add(participant(p));
        }
        return new RoomView(room.id(), ps, room.dominantSpeaker());
    }

    static ParticipantView participant(SfuParticipant p) {
        ParticipantMedia m = p.media();
        List<TrackView> tracks = new ArrayList<>();
        for (PublishedTrack t : m.published()) {
            tracks.add(track(t));
        }
        List<SubscriptionView> subs = new ArrayList<>();
        for (Subscription s : m.subscriptions()) {
            subs.add(new SubscriptionView(s.track().source().key(), s.output().ssrc(), s.isActive(), s.packetsOut(),
                    s.bytesOut(), s.retransmissions(), s.droppedNoBuffer(), s.currentLayer(), s.targetLayer(),
                    s.maxHeight() == SubscriptionDemand.NO_LIMIT ? 0 : s.maxHeight(), s.isPaused(),
                    s.layerCap() == Subscription.NO_CAP ? -1 : s.layerCap()));
        }
        MediaTransport t = p.transport().startedMedia();
        Map<String, Long> drops = new LinkedHashMap<>();
        if (t != null) {
            TransportStats st = t.stats();
            for (DropReason r : DropReason.values()) {
                drops.put(r.name().toLowerCase(Locale.ROOT), st.dropped(r));
            }
        }
        String state = t == null ? "new" : t.state().name().toLowerCase(Locale.ROOT);
        return new ParticipantView(p.id(), p.name(), p.rights().publish(), p.rights().subscribe(), state,
                m.rttMillis(), m.nacksReceived(), m.keyframeRequestsReceived(), m.unknownSsrcDrops(),
                m.invalidRtcp(), drops, tracks, subs, bandwidth(m));
    }

    static io.junction.sfu.view.BandwidthView bandwidth(ParticipantMedia m) {
        var a = m.allocation();
        var b = m.bandwidth();
        long budget = a.budgetBps() >= io.junction.sfu.alloc.BudgetPolicy.UNLIMITED ? -1 : a.budgetBps();
        return new io.junction.sfu.view.BandwidthView(b.estimateBps(), a.limited(), budget, a.allocatedBps(),
                a.congestions(), a.probes(), a.trials(), b.feedbacksReceived(), b.stamped());
    }

    static TrackView track(PublishedTrack t) {
        var src = t.source();
        return new TrackView(src.key(), src.publisherId(), src.kind(), src.codecName(), src.ssrc(), t.packetsIn(),
                t.bytesIn(), t.bitrateBps(), t.stats().cumulativeLost(), t.stats().jitter(), t.nacksSent(),
                t.pliSent(), t.firSent(), t.droppedUnknownPayloadType(), t.subscriptions().size(), layers(t));
    }

    private static List<LayerView> layers(PublishedTrack t) {
        List<LayerView> out = new ArrayList<>(t.layerCount());
        for (int i = 0; i < t.layerCount(); i++) {
            LayerReceiver l = t.layer(i);
            out.add(new LayerView(l.rid(), l.ssrc(), l.rtxSsrc(), l.wasActive(), l.bitrateBps(), l.frameRate(),
                    l.height(), l.packetsIn()));
        }
        return out;
    }
}
