package io.junction.signaling;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.NegotiationSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A media engine that records calls; an offer whose sdp is "refuse" gets bad-sdp, "explode" a
 * RuntimeException.
 */
final class FakeMediaEngine implements MediaEngine {
    private final Map<String, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();
    final List<String> joins = new CopyOnWriteArrayList<>();
    /** The source of every join that carried one (refused ones included). */
    final List<String> sources = new CopyOnWriteArrayList<>();

    final class Session implements MediaSession {
        final String room;
        final String id;
        final NegotiationSink sink;
        final BlockingQueue<Negotiation> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> left = new CompletableFuture<>();

        Session(String room, String id, NegotiationSink sink) {
            this.room = room;
            this.id = id;
            this.sink = sink;
        }

        @Override
        public void onClientNegotiation(Negotiation negotiation) throws NegotiationException {
            if (negotiation instanceof Negotiation.Offer && ((Negotiation.Offer) negotiation).sdp().equals("refuse")) {
                throw new NegotiationException("bad-sdp", "line 1: refused");
            }
            if (negotiation instanceof Negotiation.Offer && ((Negotiation.Offer) negotiation).sdp().equals("explode")) {
                throw new IllegalStateException("engine bug");
            }
            received.add(negotiation);
        }

        /** Preferences received, as "publisher/maxHeight/paused". */
        final BlockingQueue<String> preferences = new LinkedBlockingQueue<>();

        @Override
        public void onPreference(String publisher, int maxHeight, boolean paused) throws NegotiationException {
            if (publisher.equals("nobody")) {
                throw new NegotiationException("bad-message", "no participant 'nobody' in the room");
            }
            preferences.add(publisher + "/" + maxHeight + "/" + paused);
        }

        Negotiation next() throws InterruptedException {
            Negotiation n = received.poll(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("engine got nothing");
            }
            return n;
        }

        @Override
        public void leave() {
            left.complete(null);
        }
    }

    @Override
    public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
        Session s = new Session(roomId, participantId, sink);
        joins.add(roomId + "/" + participantId + "/" + displayName); // before a waiting test resumes
        future(participantId).complete(s);
        return s;
    }

    @Override
    public MediaSession join(String roomId, String participantId, String displayName,
                             io.junction.sfu.signal.MediaRights rights, String source, NegotiationSink sink) {
        sources.add(String.valueOf(source));
        return MediaEngine.super.join(roomId, participantId, displayName, rights, source, sink);
    }

    private CompletableFuture<Session> future(String participantId) {
        return sessions.computeIfAbsent(participantId, k -> new CompletableFuture<>());
    }

    /** The session of a participant, waiting for the engine join (it runs after {@code joined} is queued). */
    Session session(String participantId) throws Exception {
        return future(participantId).get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
    }
}
