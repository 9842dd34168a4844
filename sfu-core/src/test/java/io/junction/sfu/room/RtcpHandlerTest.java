package io.junction.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid-RTCP accounting: valid compounds are not counted, broken ones are, once each. */
class RtcpHandlerTest {
    private static final MediaSender NOTHING = new MediaSender() {
        @Override
        public void sendRtp(byte[] buf, int off, int len) {
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
        }
    };

    /** RR without report blocks (V=2, RC=0, PT=201, length 1 word = 8 bytes), sender SSRC 0x01020304. */
    private static final byte[] EMPTY_RR = {(byte) 0x80, (byte) 201, 0, 1, 1, 2, 3, 4};

    /** SDES with one empty chunk (V=2, SC=1, PT=202, length 2 words = 12 bytes): SSRC, END, padding. */
    private static final byte[] SDES = {(byte) 0x81, (byte) 202, 0, 2, 1, 2, 3, 4, 0, 0, 0, 0};

    @Test
    void validCompoundsAreNotCountedInvalidAndBrokenOnesAreCountedOnce() {
        ParticipantMedia media = new ParticipantMedia("p1", NOTHING, 0x11223344L);
        RtcpHandler h = new RtcpHandler(media);
        byte[] compound = new byte[EMPTY_RR.length + SDES.length];
        System.arraycopy(EMPTY_RR, 0, compound, 0, EMPTY_RR.length);
        System.arraycopy(SDES, 0, compound, EMPTY_RR.length, SDES.length);
        for (int i = 0; i < 5; i++) {
            h.onRtcp(compound, 0, compound.length, 1_000_000L * i, 1_700_000_000_000L);
            h.onRtcp(EMPTY_RR, 0, EMPTY_RR.length, 1_000_000L * i, 1_700_000_000_000L);
        }
        assertEquals(0, h.invalid(), "valid RR and RR+SDES compounds");

        byte[] badVersion = EMPTY_RR.clone();
        badVersion[0] = 0x40; // V=1
        h.onRtcp(badVersion, 0, badVersion.length, 0, 0);
        byte[] pastEnd = EMPTY_RR.clone();
        pastEnd[3] = 9; // claims 40 bytes
        h.onRtcp(pastEnd, 0, pastEnd.length, 0, 0);
        h.onRtcp(EMPTY_RR, 0, 3, 0, 0); // truncated header
        assertEquals(3, h.invalid(), "three broken compounds, one count each");
    }
}
