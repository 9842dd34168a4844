package io.junction.sfu.bwe;

import io.junction.rtp.rtcp.TransportCcReader;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.room.TransportCcFeedback;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * A seeded, discrete-time (1 ms steps) model of one subscriber's path, wired the way the room
 * worker is meant to wire the units: an encoder fills a video queue at the estimate, the
 * {@link Pacer} releases packets (and probe padding from the {@link ProbePlanner}), the
 * {@link SendSideEstimator} records them, a drop-tail bottleneck of a given capacity with
 * optional random loss and jitter delivers them, the real receive-side
 * {@link TransportCcFeedback} writes feedback bytes every 50 ms, and after the return delay
 * the estimator parses them with {@link TransportCcReader}. Test code only.
 */
final class LinkSimulation {
    static final int PACKET = 1200;
    static final long STEP_US = 1_000;

    // path
    LongUnaryOperator capacityBpsAt = t -> 2_500_000;
    long oneWayUs = 20_000;
    long maxQueueUs = 300_000;
    double loss;
    long jitterUs;
    /** Extra feedback disorder: each feedback delivered twice, neighbours swapped at random. */
    boolean duplicateAndReorderFeedback;
    /** An allocator wanting this much asks for probes up to it (0: never). */
    long wantedBps;
    boolean startupProbes = true;

    final BweOptions options;
    final SendSideEstimator estimator;
    final ProbePlanner planner;
    final Pacer pacer;
    private final Random random;

    // state
    private final ArrayDeque<Integer> videoQueue = new ArrayDeque<>();
    private long queuedVideo;
    private final long[] queued = new long[Pacer.QUEUE_CLASSES];
    private int twSeq;
    private long linkFreeUs;
    private long lastArrivalUs;
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {seq, arrivalUs}
    private final TransportCcFeedback receiver = new TransportCcFeedback();
    private final List<Object[]> feedbackInFlight = new ArrayList<>(); // {dueUs, byte[]}
    private final TransportCcReader reader = new TransportCcReader();
    long sentPackets;
    long droppedAtQueue;
    long lostRandomly;
    final List<long[]> samples = new ArrayList<>(); // {timeUs, estimateBps} every 100 ms

    LinkSimulation(BweOptions options, long seed) {
        this.options = options;
        this.estimator = new SendSideEstimator(options);
        this.planner = new ProbePlanner(options.maxBps());
        this.pacer = new Pacer(options.initialBps(), 1.5, 1_000_000, 5_000);
        this.random = new Random(seed);
    }

    void run(long untilUs) {
        if (startupProbes) {
            planner.start(options.initialBps());
        }
        long start = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[0] + STEP_US;
        for (long now = start; now <= untilUs; now += STEP_US) {
            step(now);
        }
    }

    private void step(long now) {
        long estimate = estimator.estimateBps(now);
        if (now % 33_000 == 0) {
            encodeFrame(estimate);
        }
        if (wantedBps > 0 && estimate < wantedBps) {
            planner.request(Math.min(wantedBps, 2 * estimate), estimate, now);
        }
        if (pacer.activeCluster() < 0) {
            ProbeCluster c = planner.poll();
            if (c != null) {
                estimator.onProbeStarted(c);
                pacer.startProbe(c);
            }
        }
        pacer.setTargetRate(estimate);
        queued[Pacer.VIDEO] = queuedVideo;
        for (int cls = pacer.next(now, queued); cls != Pacer.NONE; cls = pacer.next(now, queued)) {
            int size = PACKET;
            if (cls == Pacer.VIDEO) {
                size = videoQueue.poll();
                queuedVideo -= size;
                queued[Pacer.VIDEO] = queuedVideo;
            }
            send(size, now);
        }
        deliver(now);
        if (now % 50_000 == 0) {
            receiver.flush(1, 2, new MediaSender() {
                @Override
                public void sendRtp(byte[] buf, int off, int len) {
                }

                @Override
                public void sendRtcp(byte[] buf, int off, int len) {
                    byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
                    feedbackInFlight.add(new Object[] {now + oneWayUs, copy});
                    if (duplicateAndReorderFeedback) {
                        feedbackInFlight.add(new Object[] {now + oneWayUs + random.nextInt(60_000), copy});
                    }
                }
            });
        }
        feedback(now);
        if (now % 100_000 == 0) {
            samples.add(new long[] {now, estimator.estimateBps(now)});
        }
    }

    private void encodeFrame(long estimate) {
        long frameBytes = estimate / 8 / 30;
        if (queuedVideo > estimate / 8) {
            return; // the encoder skips a frame when a second of video is still queued
        }
        while (frameBytes > 0) {
            int s = (int) Math.min(PACKET, frameBytes);
            videoQueue.add(s);
            queuedVideo += s;
            frameBytes -= s;
        }
    }

    private void send(int size, long now) {
        int cluster = pacer.activeCluster();
        int seq = twSeq++ & 0xFFFF;
        estimator.onSent(seq, size, cluster, now);
        int done = pacer.onSent(Pacer.VIDEO, size);
        if (done >= 0) {
            estimator.onProbeSent(done, pacer.completedClusterPackets());
        }
        sentPackets++;
        long cap = Math.max(1, capacityBpsAt.applyAsLong(now));
        long startUs = Math.max(now, linkFreeUs);
        if (startUs - now > maxQueueUs) {
            droppedAtQueue++;
            return;
        }
        linkFreeUs = startUs + size * 8_000_000L / cap;
        if (loss > 0 && random.nextDouble() < loss) {
            lostRandomly++;
            return;
        }
        long arrival = linkFreeUs + oneWayUs + (jitterUs > 0 ? random.nextLong(jitterUs) : 0);
        arrival = Math.max(arrival, lastArrivalUs);
        lastArrivalUs = arrival;
        inFlight.add(new long[] {seq, arrival});
    }

    private void deliver(long now) {
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= now) {
            long[] p = inFlight.poll();
            receiver.onPacket((int) p[0], p[1]);
        }
    }

    private void feedback(long now) {
        feedbackInFlight.sort((a, b) -> Long.compare((long) a[0], (long) b[0]));
        while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.get(0)[0] <= now) {
            byte[] fb = (byte[]) feedbackInFlight.remove(0)[1];
            if (reader.reset(fb, 0, fb.length)) {
                estimator.onTransportCc(reader, now);
            }
        }
    }

    /** Estimate at time {@code t} (the last sample at or before it). */
    long estimateAt(long tUs) {
        long v = -1;
        for (long[] s : samples) {
            if (s[0] <= tUs) {
                v = s[1];
            }
        }
        return v;
    }

    /** First sample time at or after {@code fromUs} with estimate satisfying {@code test}, or -1. */
    long firstTime(long fromUs, java.util.function.LongPredicate test) {
        for (long[] s : samples) {
            if (s[0] >= fromUs && test.test(s[1])) {
                return s[0];
            }
        }
        return -1;
    }

    long min(long fromUs, long toUs) {
        return samples.stream().filter(s -> s[0] >= fromUs && s[0] <= toUs).mapToLong(s -> s[1]).min().orElse(-1);
    }

    long max(long fromUs, long toUs) {
        return samples.stream().filter(s -> s[0] >= fromUs && s[0] <= toUs).mapToLong(s -> s[1]).max().orElse(-1);
    }

    String trace(long stepUs) {
        StringBuilder sb = new StringBuilder();
        for (long[] s : samples) {
            if (s[0] % stepUs == 0) {
                sb.append(s[0] / 1000).append("ms=").append(s[1] / 1000).append("k ");
            }
        }
        return sb.toString();
    }
}
