package io.junction.sfu;

import io.junction.ice.Candidate;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.AnswerApplier;
import io.junction.sfu.sdp.AnswerBuilder;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.NegotiatedMedia;
import io.junction.sfu.sdp.OfferBuilder;
import io.junction.sfu.sdp.PlannedSection;
import io.junction.sfu.sdp.SdpException;
import io.junction.sfu.sdp.SendTrack;
import io.junction.sfu.sdp.ServerTransport;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.sdp.SessionPlan;
import io.junction.sfu.sdp.SourceSsrcs;
import io.junction.sfu.sdp.SupportedExtensions;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.TrackSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of one participant's negotiation (PROTOCOL.md "Negotiation in an sfu room"):
 * answers client offers (placing tracks the participant does not receive yet into the offer's new
 * recvonly sections, PROTOCOL.md 1.5), offers whenever the tracks the participant should receive
 * change (not before the client's first offer was answered when it said it offers first), keeps
 * at most one server offer outstanding and coalesces changes into the next one, ignores a client
 * offer that collides with its own (the client is the polite peer). Room worker thread only.
 *
 * <p>A participant that never answers keeps its offer outstanding: later changes for it only
 * coalesce until it answers or leaves, and nobody else waits on it. There is no pending
 * negotiation timeout yet; leaving (or losing the signaling socket) frees everything. After its
 * media transport failed nothing more is offered ({@link SfuParticipant#mediaLost()}).
 *
 * <p>It keeps SDP state only (the committed and pending {@link SessionPlan}, the SSRCs chosen per
 * track sent to the participant) and never changes the media graph: every step returns a
 * {@link MediaPlan} that {@link SfuRoom} applies, and tracks are looked up through the read-only
 * {@link TrackCatalog}.
 */
final class ServerNegotiator {
    private static final Logger LOG = LoggerFactory.getLogger(ServerNegotiator.class);

    private final SfuParticipant participant;
    private final TrackCatalog catalog;
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
    /**
     * A client that said it offers first ({@link io.junction.sfu.signal.Reception#clientOffersFirst})
     * gets no server offer before its first offer is answered, unless it has not offered after this
     * long. Crossing offers at the start are then impossible: a polite browser that rolls back an
     * offer which introduced its first data channel leaves the data section out of every later offer
     * and asks to negotiate again after each answer (Chromium), so the first offer must never cross.
     */
    static final long CLIENT_FIRST_OFFER_WAIT_MS = 10_000;
    private final long firstOfferNotBefore;
    private boolean exchanged;
    /** The tracks sent to the participant (placed in a section or about to be), by track key. */
    private final Map<String, SendTrack> sendTracks = new LinkedHashMap<>();
    private long offersSent;
    /** The speaker-following outputs' tracks, chosen once ({@link SpeakerFeeds#sendTracks}). */
    private List<SendTrack> speakerTracks;
    private long collisionsIgnored;

    ServerNegotiator(SfuParticipant participant, TrackCatalog catalog, EngineContext ctx) {
        this.participant = participant;
        this.catalog = catalog;
        this.ctx = ctx;
        this.firstOfferNotBefore = catalog.nowMs()
                + (participant.reception().clientOffersFirst() ? CLIENT_FIRST_OFFER_WAIT_MS : INITIAL_OFFER_GRACE_MS);
        this.plan = SessionPlan.initial(Long.toString(ctx.randomSsrc() | 1L << 40));
    }

    boolean offerOutstanding() {
        return pending != null;
    }

    /** True when a change waits for the next server offer (apply the step's plan, then {@link #renegotiate}). */
    boolean renegotiationWanted() {
        return wanted;
    }

    MediaPlan onOffer(SessionDescription offer) throws NegotiationException {
        if (pending != null) {
            // Glare: the client is polite, rolls back and answers ours; it offers again when stable.
            collisionsIgnored++;
            LOG.debug("{}: client offer collides with the server's; ignored (ufrag {})", participant.id(),
                    offer.media().isEmpty() ? null : offer.media().get(0).iceUfrag());
            return MediaPlan.NONE;
        }
        LOG.debug("{}: client offer with {} sections", participant.id(), offer.media().size());
        participant.transport().onRemoteIceCredentials(offer, true); // an ICE restart: the answer carries new credentials
        // Every reception mode: tracks the participant should receive and does not yet go into the
        // offer's new recvonly sections, so a client that offers receive sections at join gets its
        // first media from this answer instead of one more offer/answer round (PROTOCOL.md
        // "Negotiation in an sfu room", step 1). Whatever does not fit is offered afterwards.
        List<SendTrack> place = tracksToPlace();
        AnswerBuilder.Result r;
        try {
            r = AnswerBuilder.build(offer, serverTransport(), plan, place, followsSpeaker());
        } catch (SdpException e) {
            throw new NegotiationException(e.code(), e.getMessage());
        }
        refuseUnauthorizedPublishing(r.media());
        participant.transport().ensureStarted(offer, r.plan().dtlsRole());
        participant.data().onNegotiated(offer, participant.transport().startedMedia());
        plan = r.plan();
        List<MediaPlan.Section> sections = new ArrayList<>();
        placedOutputs(sections);
        if (participant.reception().serverOffers() && someTrackNotSent()) {
            wanted = true; // more tracks than receive sections: the rest come in the next server offer
        }
        participant.sink().send(new Negotiation.Answer(r.sdp()));
        exchanged = true;
        published(r.media(), sections);
        return new MediaPlan(sections, List.of(), acceptedKeys(plan));
    }

    MediaPlan onAnswer(SessionDescription answer) throws NegotiationException {
        if (pending == null) {
            throw new NegotiationException("bad-message", "answer without an outstanding server offer");
        }
        LOG.debug("{}: client answer with {} sections (ufrag {})", participant.id(), answer.media().size(),
                answer.media().isEmpty() ? null : answer.media().get(0).iceUfrag());
        participant.transport().onRemoteIceCredentials(answer, false);
        AnswerApplier.Result r;
        try {
            r = AnswerApplier.apply(pending, answer);
        } catch (SdpException e) {
            // The offer stays outstanding; a valid answer may still come.
            throw new NegotiationException(e.code(), e.getMessage());
        }
        refuseUnauthorizedPublishing(r.media());
        participant.transport().ensureStarted(answer, r.plan().dtlsRole());
        participant.data().onNegotiated(answer, participant.transport().startedMedia());
        plan = r.plan();
        pending = null;
        resent = false;
        exchanged = true;
        List<MediaPlan.Section> sections = new ArrayList<>();
        published(r.media(), sections);
        return new MediaPlan(sections, List.of(), acceptedKeys(plan));
    }

    /** Periodic: sends a server offer held back by the initial grace period, re-offers once on timeout. */
    MediaPlan tick(long now) {
        if (participant.mediaLost()) {
            return MediaPlan.NONE;
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
                return renegotiate();
            }
            // Still nothing: stop asking. The participant keeps what it had; changes are
            // coalesced and offered after its next answer or offer.
            LOG.info("{}: still no answer; waiting for the client", participant.id());
            pendingSince = Long.MAX_VALUE / 2;
            return MediaPlan.NONE;
        }
        if (wanted && pending == null && (exchanged || now >= firstOfferNotBefore)) {
            return renegotiate();
        }
        return MediaPlan.NONE;
    }

    /** Server offers that went unanswered past the negotiation timeout. */
    long negotiationTimeouts() {
        return negotiationTimeouts;
    }

    /** Track keys of the committed description's accepted server sections (what may forward now). */
    List<String> acceptedKeys() {
        return acceptedKeys(plan);
    }

    private static List<String> acceptedKeys(SessionPlan p) {
        List<String> out = new ArrayList<>();
        for (PlannedSection s : p.sections()) {
            if (s.track() != null && !s.rejected()) {
                out.add(s.track().trackKey());
            }
        }
        return out;
    }

    /** The tracks to put into the client's new receive sections, those it already receives excluded. */
    private List<SendTrack> tracksToPlace() {
        List<SendTrack> out = new ArrayList<>();
        if (followsSpeaker()) {
            if (speakerTracks == null) {
                speakerTracks = SpeakerFeeds.sendTracks(participant.id(), ctx);
            }
            for (SendTrack t : speakerTracks) {
                if (!sendTracks.containsKey(t.trackKey())) {
                    out.add(t);
                }
            }
            return out;
        }
        for (PublishedTrack t : catalog.tracksFor(participant)) {
            if (!sendTracks.containsKey(t.source().key())) {
                out.add(sendTrackFor(t.source()));
            }
        }
        return out;
    }

    private boolean someTrackNotSent() {
        for (PublishedTrack t : catalog.tracksFor(participant)) {
            if (!sendTracks.containsKey(t.source().key())) {
                return true;
            }
        }
        return false;
    }

    /** Outputs for the tracks the committed plan placed in the client's receive sections. */
    private void placedOutputs(List<MediaPlan.Section> out) {
        for (PlannedSection s : plan.sections()) {
            SendTrack st = s.track();
            if (st == null || s.rejected() || sendTracks.containsKey(st.trackKey())
                    || catalog.track(st.trackKey()) == null && !SpeakerFeeds.isKey(st.trackKey())) {
                continue;
            }
            sendTracks.put(st.trackKey(), st);
            addOutput(out, st, plan);
        }
    }

    /** The set of tracks this participant should receive may have changed. */
    MediaPlan renegotiate() {
        if (participant.mediaLost()) {
            return MediaPlan.NONE; // the media session is over: nothing more is offered (SfuRoom.endMedia)
        }
        List<String> removed = new ArrayList<>();
        if (!participant.reception().serverOffers()) {
            // Answer-only reception: a change only stops the tracks that are no longer published
            // (nothing is offered). The selection is not re-applied: the choice made at the answer
            // stays (a newer video in the room does not take the place of the one being received).
            wanted = false;
            for (String key : new ArrayList<>(sendTracks.keySet())) {
                if (catalog.track(key) == null && !SpeakerFeeds.isKey(key)) {
                    sendTracks.remove(key);
                    removed.add(key);
                }
            }
            return new MediaPlan(List.of(), removed, List.of());
        }
        if (pending != null || (!exchanged && catalog.nowMs() < firstOfferNotBefore)) {
            wanted = true;
            return MediaPlan.NONE;
        }
        wanted = false;
        List<PublishedTrack> desired = catalog.tracksFor(participant);
        Map<String, PublishedTrack> desiredByKey = new LinkedHashMap<>();
        for (PublishedTrack t : desired) {
            desiredByKey.put(t.source().key(), t);
        }
        // Tracks that went away: stop forwarding now; their sections go inactive in the offer.
        // Walk sendTracks, not the room's subscriptions: an unpublished track's subscription is
        // already gone (SfuRoom.unpublish drops it), but its section must still be offered inactive.
        for (String key : new ArrayList<>(sendTracks.keySet())) {
            if (!desiredByKey.containsKey(key)) {
                sendTracks.remove(key);
                removed.add(key);
            }
        }
        for (PublishedTrack t : desired) {
            sendTracks.computeIfAbsent(t.source().key(), k -> sendTrackFor(t.source()));
        }
        if (sameTracksAsPlan()) {
            return new MediaPlan(List.of(), removed, List.of());
        }
        OfferBuilder.Result r;
        try {
            r = OfferBuilder.build(plan, new ArrayList<>(sendTracks.values()), serverTransport());
        } catch (RuntimeException e) {
            LOG.error("{}: cannot build an offer", participant.id(), e);
            return new MediaPlan(List.of(), removed, List.of());
        }
        pending = r.plan();
        pendingSince = catalog.nowMs();
        offersSent++;
        List<MediaPlan.Section> sections = new ArrayList<>();
        for (PublishedTrack t : desired) {
            addOutput(sections, sendTracks.get(t.source().key()), pending);
        }
        LOG.debug("{}: server offer {} with {} sections", participant.id(), offersSent, r.offer().media().size());
        participant.sink().send(new Negotiation.Offer(r.sdp()));
        return new MediaPlan(sections, removed, List.of());
    }

    /** True when the participant receives the speaker-following outputs ({@link SpeakerFeeds}). */
    private boolean followsSpeaker() {
        return participant.reception().tracks() instanceof TrackSelection.ActiveSpeaker;
    }

    /** The committed section that carries {@code trackKey}, or null. */
    PlannedSection sectionOf(String trackKey) {
        return OutputPlanner.sectionOf(plan, trackKey);
    }

    private void addOutput(List<MediaPlan.Section> out, SendTrack st, SessionPlan p) {
        PlannedSection section = OutputPlanner.sectionOf(p, st.trackKey());
        if (section == null) {
            return;
        }
        var output = OutputPlanner.output(section, st, catalog.extensionIdsOf(st.trackKey()));
        if (output != null) {
            out.add(new MediaPlan.Receive(st.trackKey(), output, OutputPlanner.transportCcId(section)));
        }
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
        List<Codec> codecs = List.of(catalog.codecOf(src.key()));
        boolean video = src.isVideo();
        long ssrc = ctx.randomSsrc();
        long rtx = video ? ctx.randomSsrc() : SourceSsrcs.NO_RTX;
        return new SendTrack(src.key(), src.kind(), ssrc, rtx, src.publisherId(), src.trackId(),
                "junction-" + src.publisherId(), codecs);
    }

    /** The client's send sections of a committed description, as {@link MediaPlan.Publish} sections. */
    private void published(List<NegotiatedMedia> media, List<MediaPlan.Section> out) {
        for (NegotiatedMedia m : media) {
            var src = TrackSources.of(participant.id(), m);
            Integer twcc = m.extIdsByUri().get(SupportedExtensions.TRANSPORT_CC);
            out.add(new MediaPlan.Publish(m.mid(), src.orElse(null), primaryCodec(m), m.extIdsByUri(),
                    twcc != null && !m.rejected() ? twcc : 0));
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
        for (Candidate c : participant.transport().ice().localCandidates()) {
            cands.add(c.toSdpValue());
        }
        var local = participant.transport().ice().localCredentials();
        return new ServerTransport(local.ufrag(), local.password(), ctx.certificate().fingerprint(), cands, true);
    }

    long offersSent() {
        return offersSent;
    }

    long collisionsIgnored() {
        return collisionsIgnored;
    }
}
