package io.junction.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Per-subscriber bandwidth estimation driving the layer choice, end to end over the real room
 * units and a simulated path ({@link BweRoomSimulation}): layers of 150 k, 500 k and
 * 1.5 Mbit/s (the usual 1/4, 1/2, full VP8 simulcast), transport-wide feedback from the
 * simulated receiver. Deterministic (1 ms steps, no randomness, no wall clock).
 */
class BandwidthTraceTest {
    private static final long[] LAYERS = {150_000, 500_000, 1_500_000};

    @Test
    void anUnlimitedPathKeepsTheTopLayerWithoutSwitching() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS);
        sim.run(30_000);
        String trace = sim.trace(0, 30_000);
        long first = sim.firstTime(0, l -> l >= 0);
        assertEquals(first, sim.firstTime(0, l -> l == 2), "top layer from the start: " + trace);
        assertEquals(1.0, sim.shareAt(2, 1_000, 30_000), "top layer throughout: " + trace);
        assertFalse(sim.subscriber().allocation().limited(), trace);
        assertTrue(sim.subscriber().bandwidth().feedbacksReceived() > 500, "feedback flowed");
        assertEquals(0, sim.subscriber().bandwidth().unstamped());
    }

    @Test
    void aCapacityDropMovesDownWithinTwoSecondsAndStaysWithoutFlapping() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS);
        sim.capacityBpsAt = t -> t < 10_000 ? 5_000_000 : 1_000_000; // carries the middle layer, not the top
        sim.run(60_000);
        String trace = sim.trace(9_000, 60_000);
        long down = sim.firstTime(10_000, l -> l < 2);
        assertTrue(down > 0 && down <= 12_000, "below the top layer within 2 s of the drop: " + trace);
        assertTrue(sim.shareAt(1, 14_000, 60_000) >= 0.8, "mostly the middle layer while limited ("
                + sim.shareAt(1, 14_000, 60_000) + "): " + trace);
        assertEquals(0, sim.switches(14_000, 60_000), "up-switches are probed with padding first: the video "
                + "does not flap: " + trace);
        assertTrue(sim.subscriber().allocation().probes() >= 3, "probes every hold time");
        assertTrue(sim.padding > 0, "padding-only RTX packets went out");
        assertTrue(sim.subscriber().allocation().limited());
    }

    @Test
    void withoutRtxUpSwitchTrialsUseTheMediaAndBackOff() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS, false);
        sim.capacityBpsAt = t -> t < 10_000 ? 5_000_000 : 1_000_000;
        sim.run(70_000);
        String trace = sim.trace(9_000, 70_000);
        long down = sim.firstTime(10_000, l -> l < 2);
        assertTrue(down > 0 && down <= 12_000, "below the top layer within 2 s of the drop: " + trace);
        assertTrue(sim.shareAt(1, 14_000, 70_000) >= 0.85, "mostly the middle layer while limited: " + trace);
        // failed trials 5 s, 10 s, 20 s apart (the hold doubles): at most three trials, two switches each
        assertTrue(sim.switches(14_000, 70_000) <= 6, sim.switches(14_000, 70_000) + " switches: " + trace);
        assertEquals(0, sim.subscriber().allocation().probes());
    }

    @Test
    void liftingTheCapReturnsToTheTopLayerAfterTheHold() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS);
        sim.capacityBpsAt = t -> t >= 10_000 && t < 30_000 ? 1_000_000 : 5_000_000;
        sim.run(60_000);
        String trace = sim.trace(9_000, 60_000);
        long up = sim.firstTime(30_000, l -> l == 2);
        assertTrue(up > 0 && up <= 45_000, "top layer again within 15 s of lifting the cap: " + trace);
        assertEquals(1.0, sim.shareAt(2, up + 1_000, 60_000), "and it stays there: " + trace);
    }

    @Test
    void theDominantSpeakersVideoGetsTheBandwidthFirst() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS, true, 2);
        sim.speaker = "p1";
        sim.capacityBpsAt = t -> t < 5_000 ? 8_000_000 : 900_000; // two low layers and one middle one, not two
        sim.run(20_000);
        assertEquals(1, sim.layerOf(0), "the speaker's video on the middle layer");
        assertEquals(0, sim.layerOf(1), "the other one on the lowest");
        sim.speaker = "p3";
        sim.run(40_000);
        assertEquals(0, sim.layerOf(0), "the former speaker's video down to the lowest layer");
        assertEquals(1, sim.layerOf(1), "the new speaker's video up to the middle one");
    }

    @Test
    void aVeryNarrowPathKeepsTheLowestLayerFlowing() {
        BweRoomSimulation sim = new BweRoomSimulation(LAYERS);
        sim.capacityBpsAt = t -> t < 5_000 ? 5_000_000 : 300_000;
        sim.run(30_000);
        String trace = sim.trace(4_000, 30_000);
        assertTrue(sim.firstTime(5_000, l -> l == 0) <= 8_000, "the lowest layer within 3 s: " + trace);
        assertTrue(sim.shareAt(0, 10_000, 30_000) >= 0.8, "mostly the lowest layer: " + trace);
        assertEquals(-1, sim.firstTime(8_000, l -> l < 0), "video is never suspended: " + trace);
    }
}
