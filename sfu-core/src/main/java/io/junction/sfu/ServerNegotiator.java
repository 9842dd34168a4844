package io.junction.sfu;

import io.junction.ice.Candidate;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.Subscription;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.AnswerApplier;
import io.junction.sfu.sdp.AnswerBuilder;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.Extmap;
import io.junction.sfu.sdp.NegotiatedMedia;
import io.junction.sfu.sdp.OfferBuilder;
import io.junction.sfu.sdp.PlannedSection;
import io.junction.sfu.sdp.SdpException;
import io.junction.sfu.sdp.SendTrack;
import io.junction.sfu.sdp.ServerTransport;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.sdp.SessionPlan;
import io.junction.sfu.sdp.SourceSsrcs;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of one participant's negotiation (PROTOCOL.md "Negotiation in an sfu room"):
 * answers client offers, offers whenever the tracks the participant should receive change, keeps
 * at most one server offer outstanding and coalesces changes into the next one, ignores a client
 * offer that collides with its own (the client is the polite peer). Room worker thread only.
 *
 * <p>A participant that never answers keeps its offer outstanding: later changes for it only
 * coalesce until it answers or leaves, and nobody else waits on it. There is no pending
 * negotiation timeout yet; leaving (or losing the signaling socket) frees everything. After its
 * media transport failed nothing more is offered ({@link SfuParticipant#mediaLost()}).
 */
final class ServerNegotiator {
    private static final Logger LOG = LoggerFactory.getLogger(ServerNegotiator.class);

    private final SfuParticipant participant;
    private final SfuRoom room;
    private final EngineContext ctx;
    private SessionPlan plan;
    private SessionPlan pending;
    private long pendingSince;
    private boolean resent;
    private long negotiationTimeouts;
    private boolean wanted;
    /**
     * The server holds its first offer to a new participant for this long unless the participant
     * offers first: a publishing client offers right after {@code joined}, and crossing offers at
     * the start make a polite browser roll back its initial offer, which throws away the ICE
     * session it had begun to gather. A client that only watches gets the offer after the delay.
     */
    static final long INITIAL_OFFER_GRACE_MS = 1000;
    private final long firstOfferNotBefore;
    private boolean exchanged;
    private final Map<String, SendTrack> sendTracks = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, PublishedTrack> published = new LinkedHashMap<>();
    private long offersSent;
    private long collisionsIgnored;

    ServerNegotiator(SfuParticipant participant, SfuRoom room, EngineContext ctx) {
        this.participant = participant;
        this.room = room;
        this.ctx = ctx;
        this.firstOfferNotBefore = room.loop().nowMs() + INITIAL_OFFER_GRACE_MS;
        this.plan = SessionPlan.initial(Long.toString(ctx.randomSsrc() | 1L << 40));
    }

    /** The tracks this participant publishes, by mid. */
    Map<String, PublishedTrack> published() {
        return published;
    }

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    boolean offerOutstanding() {
        return pending != null;
    }

    void onOffer(SessionDescription offer) throws NegotiationException {
        if (pending != null) {
            // Glare: the client is polite, rolls back and answers ours; it offers again when stable.
            collisionsIgnored++;
            LOG.debug("{}: client offer collides with the server's; ignored (ufrag {})", participant.id(),
                    offer.media().isEmpty() ? null : offer.media().get(0).iceUfrag());
            return;
        }
        LOG.debug("{}: client offer with {} sections", participant.id(), offer.media().size());
        participant.onRemoteIceCredentials(offer, true); // an ICE restart: the answer carries new credentials
        boolean answerOnly = !participant.reception().serverOffers();
        List<SendTrack> place = answerOnly ? tracksToPlace() : List.of();
        AnswerBuilder.Result r;
        try {
            r = AnswerBuilder.build(offer, serverTransport(), plan, place);
        } catch (SdpException e) {
            throw new NegotiationException(e.code(), e.getMessage());
        }
        refuseUnauthorizedPublishing(r.media());
        participant.ensureTransport(offer, r.plan().dtlsRole(), false);
        plan = r.plan();
        if (answerOnly) {
            subscribePlaced();
        }
        participant.sink().send(new Negotiation.Answer(r.sdp()));
        exchanged = true;
        applyPublished(r.media());
        activateSubscriptions(plan);
        if (wanted) {
            renegotiate();
        }
    }

    void onAnswer(SessionDescription answer) throws NegotiationException {
        if (pending == null) {
            throw new NegotiationException("bad-message", "answer without an outstanding server offer");
        }
        LOG.debug("{}: client answer with {} sections (ufrag {})", participant.id(), answer.media().size(),
                answer.media().isEmpty() ? null : answer.media().get(0).iceUfrag());
        participant.onRemoteIceCredentials(answer, false);
        AnswerApplier.Result r;
        try {
            r = AnswerApplier.apply(pending, answer);
        } catch (SdpException e) {
            // The offer stays outstanding; a valid answer may still come.
            throw new NegotiationException(e.code(), e.getMessage());
        }
        refuseUnauthorizedPublishing(r.media());
        participant.ensureTransport(answer, r.plan().dtlsRole(), true);
        plan = r.plan();
        pending = null;
        resent = false;
        exchanged = true;
        applyPublished(r.media());
        activateSubscriptions(plan);
        if (wanted) {
            renegotiate();
        }
    }

    /** Periodic: sends a server offer held back by the initial grace period. */
    void tick(long now) {
        if (participant.mediaLost()) {
            return;
        }
        if (pending != null && now - pendingSince > ctx.roomOptions().negotiationTimeoutMs()) {
            negotiationTimeouts++;
            if (!resent) {
                // The offer (or its answer) may have been lost: offer again, once. A new offer
                // replaces an unanswered one (RFC 8829 §4.1.8: the peer may apply it from
                // have-remote-offer).
                LOG.info("{}: no answer to the server's offer within {} ms; offering again", participant.id(),
                        ctx.roomOptions().negotiationTimeoutMs());
                resent = true;
                pending = null;
                renegotiate();
            } else {
                // Still nothing: stop asking. The participant keeps what it had; changes are
                // coalesced and offered after its next answer or offer.
                LOG.info("{}: still no answer; waiting for the client", participant.id());
                pendingSince = Long.MAX_VALUE / 2;
            }
            return;
        }
        if (wanted && pending == null && (exchanged || now >= firstOfferNotBefore)) {
            renegotiate();
        }
    }

    /** Server offers that went unanswered past the negotiation timeout. */
    long negotiationTimeouts() {
        return negotiationTimeouts;
    }

    /**
     * Answer-only reception: the tracks to put into the client's receive sections, those it
     * already receives excluded.
     */
    private List<SendTrack> tracksToPlace() {
        List<SendTrack> out = new ArrayList<>();
        for (PublishedTrack t : room.tracksFor(participant)) {
            if (!sendTracks.containsKey(t.source().key())) {
                out.add(sendTrackFor(t.source()));
            }
        }
        return out;
    }

    /** Answer-only reception: subscribes to the tracks the committed plan placed in sections. */
    private void subscribePlaced() {
        for (PlannedSection s : plan.sections()) {
            SendTrack st = s.track();
            if (st == null || s.rejected() || sendTracks.containsKey(st.trackKey())) {
                continue;
            }
            PublishedTrack t = room.track(st.trackKey());
            if (t == null) {
                continue;
            }
            sendTracks.put(st.trackKey(), st);
            Subscription sub = subscriptionFor(t, plan);
            if (sub != null) {
                subscriptions.put(st.trackKey(), sub);
                room.subscribe(participant, sub);
            }
        }
    }

    /**
     * Answer-only reception: a change only stops the tracks that are no longer published (nothing
     * is offered). The selection is not re-applied: the choice made at the answer stays (a newer
     * video in the room does not take the place of the one being received).
     */
    private void pruneGoneTracks() {
        wanted = false;
        for (String key : new ArrayList<>(sendTracks.keySet())) {
            if (room.track(key) == null) {
                room.unsubscribe(participant, subscriptions.remove(key));
                sendTracks.remove(key);
            }
        }
    }

    /** The set of tracks this participant should receive may have changed. */
    void renegotiate() {
        if (participant.mediaLost()) {
            return; // the media session is over: nothing more is offered (SfuRoom.onTransportLost)
        }
        if (!participant.reception().serverOffers()) {
            pruneGoneTracks();
            return;
        }
        if (pending != null || (!exchanged && room.loop().nowMs() < firstOfferNotBefore)) {
            wanted = true;
            return;
        }
        wanted = false;
        List<PublishedTrack> desired = room.tracksFor(participant);
        Map<String, PublishedTrack> desiredByKey = new LinkedHashMap<>();
        for (PublishedTrack t : desired) {
            desiredByKey.put(t.source().key(), t);
        }
        // Tracks that went away: stop forwarding now; their sections go inactive in the offer.
        // Walk sendTracks, not subscriptions: an unpublished track's subscription is already
        // gone (SfuRoom.unpublish drops it), but its section must still be offered inactive.
        for (String key : new ArrayList<>(sendTracks.keySet())) {
            if (!desiredByKey.containsKey(key)) {
                room.unsubscribe(participant, subscriptions.remove(key));
                sendTracks.remove(key);
            }
        }
        for (PublishedTrack t : desired) {
            sendTracks.computeIfAbsent(t.source().key(), k -> sendTrackFor(t.source()));
        }
        if (sameTracksAsPlan()) {
            return;
        }
        OfferBuilder.Result r;
        try {
            r = OfferBuilder.build(plan, new ArrayList<>(sendTracks.values()), serverTransport());
        } catch (RuntimeException e) {
            LOG.error("{}: cannot build an offer", participant.id(), e);
            return;
        }
        pending = r.plan();
        pendingSince = room.loop().nowMs();
        offersSent++;
        for (PublishedTrack t : desired) {
            if (!subscriptions.containsKey(t.source().key())) {
                Subscription s = subscriptionFor(t, pending);
                if (s != null) {
                    subscriptions.put(t.source().key(), s);
                    room.subscribe(participant, s);
                }
            }
        }
        LOG.debug("{}: server offer {} with {} sections", participant.id(), offersSent, r.offer().media().size());
        participant.sink().send(new Negotiation.Offer(r.sdp()));
    }

    private boolean sameTracksAsPlan() {
        int inPlan = 0;
        for (PlannedSection s : plan.sections()) {
            if (s.track() != null && !s.rejected()) {
                if (!sendTracks.containsKey(s.track().trackKey())) {
                    return false;
                }
                inPlan++;
            }
        }
        return inPlan == sendTracks.size();
    }

    private SendTrack sendTrackFor(TrackSource src) {
        // The publisher's codec only: the subscriber must take exactly what is forwarded. The
        // offer builder adds its RTX and picks this participant's payload types.
        List<Codec> codecs = List.of(room.codecOf(src.key()));
        boolean video = src.isVideo();
        long ssrc = ctx.randomSsrc();
        long rtx = video ? ctx.randomSsrc() : SourceSsrcs.NO_RTX;
        return new SendTrack(src.key(), src.kind(), ssrc, rtx, src.publisherId(), src.trackId(),
                "junction-" + src.publisherId(), codecs);
    }

    /** Builds the subscription from the section the pending plan put the track in. */
    private Subscription subscriptionFor(PublishedTrack t, SessionPlan p) {
        SendTrack st = sendTracks.get(t.source().key());
        PlannedSection section = null;
        for (PlannedSection s : p.sections()) {
            if (s.track() != null && s.track().trackKey().equals(st.trackKey())) {
                section = s;
                break;
            }
        }
        if (section == null) {
            return null;
        }
        int pt = -1;
        int rtxPt = -1;
        for (Codec c : section.codecs()) {
            if (!c.isRtx() && pt < 0) {
                pt = c.pt();
            }
        }
        for (Codec c : section.codecs()) {
            if (c.isRtx() && c.apt() == pt) {
                rtxPt = c.pt();
            }
        }
        if (pt < 0) {
            return null;
        }
        byte[] extMap = new byte[256];
        Map<String, Integer> pubIds = room.extensionIdsOf(t.source().key());
        for (Extmap e : section.extmaps()) {
            Integer from = pubIds.get(e.uri());
            if (from != null && from > 0 && from < 256 && ForwardedExtensions.keep(e.uri())) {
                extMap[from] = (byte) e.id();
            }
        }
        return new Subscription(t, participant.media().sender(), ctx.pool(),
                new Subscription.Output(st.ssrc(), rtxPt >= 0 ? st.rtxSsrc() : -1, pt, rtxPt, extMap),
                ctx.randomSsrc() & 0xFFFF);
    }

    /** The participant's media transport came up: start what its accepted sections carry. */
    void onTransportConnected() {
        activateSubscriptions(plan);
    }

    /**
     * Starts forwarding the tracks of the accepted sections, but only once the transport is up:
     * before that every forwarded packet is dropped, and a video subscription would spend its
     * starting keyframe on a transport that cannot carry it (the subscriber's first packet would
     * then be a delta frame).
     */
    private void activateSubscriptions(SessionPlan p) {
        if (!participant.mediaConnected()) {
            return;
        }
        long now = room.loop().nowMs();
        for (PlannedSection s : p.sections()) {
            if (s.track() == null || s.rejected()) {
                continue;
            }
            Subscription sub = subscriptions.get(s.track().trackKey());
            if (sub != null) {
                sub.activate(now);
            }
        }
    }

    private void applyPublished(List<NegotiatedMedia> media) {
        boolean changed = false;
        for (NegotiatedMedia m : media) {
            PublishedTrack existing = published.get(m.mid());
            var src = TrackSources.of(participant.id(), m);
            if (existing != null && (src.isEmpty() || src.get().ssrc() != existing.source().ssrc())) {
                published.remove(m.mid());
                room.unpublish(participant, existing);
                existing = null;
                changed = true;
            }
            Integer twcc = m.extIdsByUri().get(io.junction.sfu.sdp.SupportedExtensions.TRANSPORT_CC);
            if (twcc != null && !m.rejected()) {
                participant.media().setTransportCcExtensionId(twcc);
            }
            if (existing == null && src.isPresent()) {
                PublishedTrack t = room.publish(participant, src.get(), primaryCodec(m), m.extIdsByUri());
                published.put(m.mid(), t);
                changed = true;
            }
        }
        if (changed) {
            room.tracksChanged(participant);
        }
    }

    /**
     * A participant without the publish right may not send tracks: a description that would
     * publish one is refused as a whole (nothing changes) rather than answered with its send
     * sections rejected, so the client learns at once that it is not allowed.
     */
    private void refuseUnauthorizedPublishing(List<NegotiatedMedia> media) throws NegotiationException {
        if (participant.rights().publish()) {
            return;
        }
        for (NegotiatedMedia m : media) {
            if (TrackSources.of(participant.id(), m).isPresent()) {
                throw new NegotiationException("unauthorized",
                        "participant " + participant.id() + " may not publish (section " + m.mid() + ")");
            }
        }
    }

    private static Codec primaryCodec(NegotiatedMedia m) {
        for (Codec c : m.codecs()) {
            if (!c.isRtx()) {
                return c;
            }
        }
        return null;
    }

    private ServerTransport serverTransport() {
        List<String> cands = new ArrayList<>();
        for (Candidate c : participant.ice().localCandidates()) {
            cands.add(c.toSdpValue());
        }
        return new ServerTransport(participant.ice().localCredentials().ufrag(),
                participant.ice().localCredentials().password(), ctx.certificate().fingerprint(), cands, true);
    }

    long offersSent() {
        return offersSent;
    }

    long collisionsIgnored() {
        return collisionsIgnored;
    }
}
