package io.junction.server;

import static io.junction.server.Fixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.client.MediaPump;
import io.junction.client.ReceivedStream;
import io.junction.client.SfuParticipantClient;
import io.junction.client.WhipClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /whep/ROOM} follows the active speaker over real transports: two {@code /ws}
 * publishers send tagged synthetic media (each payload names its publisher) with RFC 6464 audio
 * levels; the WHEP viewer receives one video and one audio stream ({@code junction-speaker}) that
 * carry one publisher, and when the other one becomes loud both streams switch to it, the video
 * at a keyframe, without a sequence gap, reordering or a corrupt payload, on the same SSRCs.
 */
class WhepSpeakerTest {
    private static final String SPEAKER_STREAM = "junction-speaker";

    private static ReceivedStream only(WhipClient v, String kind) {
        List<ReceivedStream> s = v.received().values().stream()
                .filter(r -> SPEAKER_STREAM.equals(r.streamId()) && r.kind().equals(kind) && r.packets() > 0)
                .toList(); // (the RTX SSRC is listed too; it carries nothing without loss)
        return s.size() == 1 ? s.get(0) : null;
    }

    @Test
    void theSpeakerStreamSwitchesToTheLoudPublisherAtAKeyframeWithoutAGap() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder())) {
            SfuParticipantClient ann = f.join(j, "sp", "ann", null, true);
            SfuParticipantClient bob = f.join(j, "sp", "bob", null, true);
            for (SfuParticipantClient c : List.of(ann, bob)) {
                c.joined().get(5, TimeUnit.SECONDS);
                c.connected().get(15, TimeUnit.SECONDS);
            }
            MediaPump annPump = MediaPump.start(ann);
            MediaPump bobPump = MediaPump.start(bob);
            annPump.audioLevel(127);
            bobPump.audioLevel(127);
            try {
                await("both publishers' tracks", Duration.ofSeconds(10),
                        () -> j.room("sp").map(r -> r.tracks().size() == 4).orElse(false));
                URI endpoint = URI.create("http://127.0.0.1:" + j.httpPort() + "/whep/sp");
                try (WhipClient v = WhipClient.view(f.http, endpoint, null, f.cert(), f.handshakes())) {
                    assertEquals(201, v.status(), v.response().body());
                    v.connected().get(10, TimeUnit.SECONDS);
                    await("the speaker stream flowing", Duration.ofSeconds(15), () -> only(v, "video") != null
                            && only(v, "video").packets() > 50 && only(v, "audio") != null
                            && only(v, "audio").packets() > 20, () -> v.received().values().stream()
                            .map(r -> r.kind() + "/" + r.streamId() + " packets " + r.packets() + " corrupt "
                                    + r.corrupt()).toList().toString());
                    ReceivedStream video = only(v, "video");
                    ReceivedStream audio = only(v, "audio");
                    int first = video.lastTag();
                    SfuParticipantClient carried = first == (int) ann.publishedSsrc(1) ? ann : bob;
                    SfuParticipantClient other = carried == ann ? bob : ann;
                    assertEquals((int) carried.publishedSsrc(1), first, "a publisher's video");
                    long keyframesBefore = video.keyframes();

                    long start = System.nanoTime();
                    (other == ann ? annPump : bobPump).audioLevel(6);
                    int want = (int) other.publishedSsrc(1);
                    await("the video to switch to the loud publisher", Duration.ofSeconds(10),
                            () -> video.lastTag() == want && audio.lastTag() == want);
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    System.out.println("speaker stream switched to the loud publisher after " + ms + " ms");
                    assertTrue(ms <= 3000, "switched after " + ms + " ms");
                    long mark = video.packets();
                    await("video flowing after the switch", Duration.ofSeconds(5), () -> video.packets() > mark + 60);
                    assertEquals(want, video.lastTag(), "the loud publisher stays");
                    assertTrue(video.keyframes() > keyframesBefore, "the switch started at a keyframe");
                    assertEquals(1, v.received().values().stream().filter(r -> r.kind().equals("video")
                                    && r.packets() > r.rtxPackets()).count(),
                            "one video SSRC throughout");
                    assertEquals(0, video.corrupt());
                    assertEquals(0, audio.corrupt());
                    assertEquals(0, video.outOfOrder(), "no reordering across the switch");
                    assertEquals(0, audio.outOfOrder());
                    assertEquals(0, video.lost(), "continuous sequence numbers across the switch");
                }
            } finally {
                annPump.close();
                bobPump.close();
            }
        }
    }
}
