package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.sfu.signal.Negotiation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalCodecTest {
    private final SignalCodec codec = new SignalCodec(1024);
    private final NegotiationCodec negotiation = new NegotiationCodec(codec);

    @Test
    void decodesTheThreeClientTypesIgnoringExtraFields() throws Exception {
        assertEquals(new SignalMessage.Join("r-1.a_b", "ann", "t"),
                codec.decode("{\"type\":\"join\",\"room\":\"r-1.a_b\",\"name\":\"ann\",\"token\":\"t\",\"extra\":[1]}"));
        assertEquals(new SignalMessage.Join("r", "", null), codec.decode("{\"type\":\"join\",\"room\":\"r\"}"));
        assertEquals(new SignalMessage.Leave("r"), codec.decode("{\"room\":\"r\",\"type\":\"leave\"}"));
        SignalMessage.Message m = (SignalMessage.Message) codec.decode(
                "{\"type\":\"message\",\"room\":\"r\",\"to\":\"p2\",\"data\":{\"type\":\"chat\",\"text\":\"hi\",\"k\":1}}");
        assertEquals("p2", m.to());
        assertEquals("chat", m.dataType());
        assertEquals(1, m.data().get("k").asInt());
    }

    @Test
    void joinOfferFirstIsAnOptionalBoolean() throws Exception {
        assertEquals(new SignalMessage.Join("r", "", null, true),
                codec.decode("{\"type\":\"join\",\"room\":\"r\",\"offerFirst\":true}"));
        assertEquals(new SignalMessage.Join("r", "", null, false),
                codec.decode("{\"type\":\"join\",\"room\":\"r\",\"offerFirst\":false}"));
        assertEquals(new SignalMessage.Join("r", "", null, false),
                codec.decode("{\"type\":\"join\",\"room\":\"r\",\"offerFirst\":null}"));
        for (String bad : new String[] {"\"true\"", "1", "{}", "[true]"}) {
            SignalDecodeException e = assertThrows(SignalDecodeException.class,
                    () -> codec.decode("{\"type\":\"join\",\"room\":\"r\",\"offerFirst\":" + bad + "}"));
            assertEquals("bad-message", e.code(), bad);
            assertEquals("join", e.ref(), bad);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                          | bad-json",
        "`   `                                       | bad-json",
        "{                                           | bad-json",
        "{\"type\":\"join\",                         | bad-json",
        "{\"type\":\"join\" \"room\":\"r\"}          | bad-json",
        "{\"type\":\"leave\",\"room\":\"r\"}}        | bad-json",
        "{'type':'leave'}                            | bad-json",
        "{\"type\":\"leave\",\"room\":\"r\",\"room\":\"s\"} | bad-json",
        "\"join\"                                    | bad-message",
        "null                                        | bad-message",
        "42                                          | bad-message",
        "{}                                          | bad-message",
        "{\"type\":null}                             | bad-message",
        "{\"type\":\"JOIN\",\"room\":\"r\"}          | bad-message",
        "{\"type\":\"join\",\"room\":null}           | bad-message",
        "{\"type\":\"join\",\"room\":\"a/b\"}        | bad-message",
        "{\"type\":\"join\",\"room\":\"r\",\"token\":1} | bad-message",
        "{\"type\":\"message\",\"room\":\"r\",\"data\":[]} | bad-message",
        "{\"type\":\"message\",\"room\":\"r\",\"data\":{\"type\":1}} | bad-message",
        "{\"type\":\"message\",\"room\":\"r\",\"data\":{\"type\":\"chat\",\"text\":{}}} | bad-message",
    })
    void brokenFramesGetATypedError(String frame, String code) {
        SignalDecodeException e = assertThrows(SignalDecodeException.class, () -> codec.decode(frame == null ? "" : frame));
        assertEquals(code, e.code());
    }

    @Test
    void sizeLimitCountsUtf8Bytes() throws Exception {
        String ok = "{\"type\":\"leave\",\"room\":\"r\",\"pad\":\"" + "x".repeat(988) + "\"}";
        assertEquals(1024, ok.length());
        codec.decode(ok);
        String big = "{\"type\":\"leave\",\"room\":\"r\",\"pad\":\"" + "é".repeat(500) + "\"}";
        assertEquals("too-large", assertThrows(SignalDecodeException.class, () -> codec.decode(big)).code());
    }

    @Test
    void unknownTypeKeepsItAsRef() {
        SignalDecodeException e = assertThrows(SignalDecodeException.class, () -> codec.decode("{\"type\":\"dance\"}"));
        assertEquals("dance", e.ref());
        assertNull(assertThrows(SignalDecodeException.class, () -> codec.decode("{")).ref());
    }

    @Test
    void encodesServerMessages() {
        assertEquals("{\"type\":\"joined\",\"room\":\"r\",\"id\":\"p2\",\"userNum\":2,\"peers\":[{\"id\":\"p1\",\"name\":\"a\"}],"
                        + "\"mode\":\"p2p\",\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"]}]}",
                codec.encode(new SignalMessage.Joined("r", "p2", 2, List.of(new SignalMessage.Peer("p1", "a")),
                        RoomMode.P2P, List.of(new SignalMessage.IceServer(List.of("stun:127.0.0.1:3478"), null, null)))));
        assertEquals("{\"type\":\"otherjoin\",\"room\":\"r\",\"id\":\"p2\",\"name\":\"b\",\"userNum\":2}",
                codec.encode(new SignalMessage.OtherJoin("r", "p2", "b", 2)));
        assertEquals("{\"type\":\"full\",\"room\":\"r\",\"userNum\":2}", codec.encode(new SignalMessage.Full("r", 2)));
        assertEquals("{\"type\":\"leaved\",\"room\":\"r\"}", codec.encode(new SignalMessage.Leaved("r")));
        assertEquals("{\"type\":\"bye\",\"room\":\"r\",\"id\":\"p1\",\"userNum\":1}",
                codec.encode(new SignalMessage.Bye("r", "p1", 1)));
        assertEquals("{\"type\":\"speaker\",\"room\":\"r\",\"id\":\"p1\"}",
                codec.encode(new SignalMessage.Speaker("r", "p1")));
        assertEquals("{\"type\":\"speaker\",\"room\":\"r\",\"id\":null}",
                codec.encode(new SignalMessage.Speaker("r", null)));
        assertEquals("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"m\"}",
                codec.encode(new SignalMessage.ErrorMessage("bad-json", "m", null)));
        ObjectNode data = negotiation.encode(new Negotiation.Candidate("candidate:1", null, -1));
        assertEquals("{\"type\":\"message\",\"room\":\"r\",\"from\":\"sfu\",\"data\":{\"type\":\"candidate\","
                        + "\"candidate\":\"candidate:1\",\"sdpMid\":null,\"sdpMLineIndex\":null}}",
                codec.encode(new SignalMessage.Relayed("r", "sfu", data)));
    }

    private Negotiation decodeData(String data) throws Exception {
        return negotiation.decode(((SignalMessage.Message) codec.decode(
                "{\"type\":\"message\",\"room\":\"r\",\"data\":" + data + "}")).data());
    }

    @Test
    void negotiationShapes() throws Exception {
        assertEquals(new Negotiation.Offer("v=0"), decodeData("{\"type\":\"offer\",\"sdp\":\"v=0\"}"));
        assertEquals(new Negotiation.Answer("v=0"), decodeData("{\"type\":\"answer\",\"sdp\":\"v=0\"}"));
        assertEquals(new Negotiation.Candidate("c", "0", 0),
                decodeData("{\"type\":\"candidate\",\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
        assertEquals(new Negotiation.Candidate("c", "1", 1),
                decodeData("{\"type\":\"candidate\",\"label\":1,\"id\":\"1\",\"candidate\":\"c\"}"));
        assertEquals(new Negotiation.Candidate("c", "2", 2),
                decodeData("{\"type\":\"candidate\",\"sdpMLineIndex\":2,\"sdpMid\":\"2\",\"sdp\":\"c\"}"));
        assertEquals(new Negotiation.Candidate("", null, -1), decodeData("{\"type\":\"candidate\",\"candidate\":\"\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"offer\"}",
        "{\"type\":\"answer\",\"sdp\":null}",
        "{\"type\":\"offer\",\"sdp\":[]}",
        "{\"type\":\"candidate\"}",
        "{\"type\":\"candidate\",\"candidate\":5}",
        "{\"type\":\"candidate\",\"candidate\":\"c\",\"sdpMid\":0}",
        "{\"type\":\"candidate\",\"candidate\":\"c\",\"sdpMLineIndex\":-1}",
        "{\"type\":\"candidate\",\"candidate\":\"c\",\"sdpMLineIndex\":1.5}",
        "{\"type\":\"candidate\",\"candidate\":\"c\",\"label\":99999999999}",
        "{\"type\":\"chat\",\"text\":\"x\"}",
    })
    void brokenNegotiationIsBadMessage(String data) {
        assertEquals("bad-message", assertThrows(SignalDecodeException.class, () -> decodeData(data)).code());
    }
}
