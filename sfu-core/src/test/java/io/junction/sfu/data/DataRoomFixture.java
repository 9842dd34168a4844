package io.junction.sfu.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.assoc.AssociationOptions;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import io.junction.transport.data.SctpTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: participants' associations wired in memory to a {@link DataRoom}, all on one
 * manually drained executor with a manual clock (deterministic), with optional seeded loss per link.
 */
abstract class DataRoomFixture {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    long now = 1_000;

    void drain() {
        for (int i = 0; i < 1_000_000 && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
        assertTrue(tasks.isEmpty(), "tasks drained");
    }

    /** One participant: its client-side association and the room's server-side one, joined by a link. */
    final class Peer {
        final String id;
        SctpTransport client;
        SctpTransport server;
        volatile boolean toClientBlocked;
        /** Seeded random loss on both directions of this participant's link. */
        double loss;
        final Random lossRandom;
        long lost;
        final List<String> texts = new ArrayList<>();
        final List<byte[]> binaries = new ArrayList<>();
        final List<DataChannel> channelsFromServer = new ArrayList<>();
        final DataChannel.Listener recorder = new DataChannel.Listener() {
            @Override
            public void onText(DataChannel ch, String text) {
                texts.add(ch.label() + " " + text);
            }

            @Override
            public void onBinary(DataChannel ch, byte[] data) {
                binaries.add(data);
            }
        };

        Peer(DataRoom room, String id, int seed) {
            this(room, id, seed, 0);
        }

        /** A participant whose data section advertised {@code a=max-message-size:maxMessageSize}. */
        Peer(DataRoom room, String id, int seed, long maxMessageSize) {
            this.id = id;
            this.lossRandom = new Random(seed * 7919L);
            AssociationOptions opt = AssociationOptions.DEFAULTS.withMtu(1100)
                    .withBuffers(257 * 1024, 2 * 1024 * 1024, 1024 * 1024);
            client = new SctpTransport(opt, true, () -> now, new Random(seed), (b, o, l) -> {
                if (lose()) {
                    return true;
                }
                byte[] c = java.util.Arrays.copyOfRange(b, o, o + l);
                tasks.add(() -> server.offer(c, 0, c.length));
                return true;
            }, tasks::add);
            server = new SctpTransport(opt, false, () -> now, new Random(seed + 100), (b, o, l) -> {
                if (toClientBlocked || lose()) {
                    return true;
                }
                byte[] c = java.util.Arrays.copyOfRange(b, o, o + l);
                tasks.add(() -> client.offer(c, 0, c.length));
                return true;
            }, tasks::add);
            client.channels().onChannel(ch -> {
                ch.setListener(recorder);
                channelsFromServer.add(ch);
            });
            room.join(id, server, maxMessageSize).start();
            client.start();
        }

        private boolean lose() {
            if (loss > 0 && lossRandom.nextDouble() < loss) {
                lost++;
                return true;
            }
            return false;
        }
    }

    /** Drains, then moves the clock 10 ms and runs every timer, until {@code done} or {@code maxMs}. */
    boolean runUntil(DataRoom room, List<Peer> peers, java.util.function.BooleanSupplier done, long maxMs) {
        long end = now + maxMs;
        drain();
        while (!done.getAsBoolean()) {
            if (now >= end) {
                return false;
            }
            now += 10;
            room.tick(now);
            for (Peer p : peers) {
                p.client.tick(now);
            }
            drain();
        }
        return true;
    }

    /** Bytes the server has queued toward {@code to} on its channel {@code label}. */
    static long serverBuffered(DataRoom room, Peer to, String label) {
        DataParticipant p = room.member(to.id);
        DataChannel ch = p.channelFor(label, ChannelOptions.RELIABLE);
        return ch == null ? 0 : ch.bufferedAmount();
    }
}
