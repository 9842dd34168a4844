package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Relay-link negotiation over a real redis-server: a node's offer reaches the node it names (on
 * that node's channel only), the answer and a close come back, in order.
 */
class RelaySignalsTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Signaling without media (the negotiation messages do not need an engine). */
    private static final MediaEngine NO_MEDIA = new MediaEngine() {
        @Override
        public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
            throw new UnsupportedOperationException("no media in this test");
        }

        @Override
        public void close() {
        }
    };

    private ClusterNode node(RedisProcess redis, String id) {
        SignalingServer signaling = new SignalingServer(NO_MEDIA, SignalingOptions.defaults());
        ClusterNode n = ClusterNode.start(ClusterOptions.of(redis.uri()).withNodeId(id), signaling.rooms());
        open.add(n);
        return n;
    }

    @Test
    void offerAnswerAndCloseTravelBetweenTheTwoNodesOnly() throws Exception {
        RedisProcess redis = RedisProcess.startOrSkip();
        open.add(redis);
        ClusterNode a = node(redis, "a");
        ClusterNode b = node(redis, "b");
        ClusterNode c = node(redis, "c");
        BlockingQueue<String> atA = new LinkedBlockingQueue<>();
        BlockingQueue<String> atB = new LinkedBlockingQueue<>();
        BlockingQueue<String> atC = new LinkedBlockingQueue<>();
        a.onRelaySignal(atA::add);
        b.onRelaySignal(atB::add);
        c.onRelaySignal(atC::add);
        ClusterCodec codec = new ClusterCodec();

        RelaySignal offer = new RelaySignal(RelaySignal.Kind.OFFER, "r1", "a", "b", "relay.a.b.1", "v=0\r\noffer\r\n");
        a.sendRelay(offer);
        String got = atB.poll(5, TimeUnit.SECONDS);
        assertNotNull(got, "node b received the offer");
        assertEquals(offer, codec.decodeRelay(got));

        RelaySignal answer = new RelaySignal(RelaySignal.Kind.ANSWER, "r1", "b", "a", "relay.a.b.1", "v=0\r\nanswer\r\n");
        RelaySignal close = new RelaySignal(RelaySignal.Kind.CLOSE, "r1", "b", "a", "relay.a.b.1", null);
        b.sendRelay(answer);
        b.sendRelay(close);
        assertEquals(answer, codec.decodeRelay(atA.poll(5, TimeUnit.SECONDS)));
        assertEquals(close, codec.decodeRelay(atA.poll(5, TimeUnit.SECONDS)), "in the order sent");

        assertNull(atC.poll(300, TimeUnit.MILLISECONDS), "a third node sees none of it");
        assertNull(atB.poll(0, TimeUnit.MILLISECONDS), "b does not get its own messages back");
    }
}
