package io.junction.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.junction.client.ClientDataChannels;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import io.junction.server.Junction;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bot answers a Java participant's command on the chat channel, to that participant only. */
class DataBotTest {
    @Test
    void theBotAnswersTheSenderOnly() throws Exception {
        ExecutorService handshakes = Executors.newCachedThreadPool();
        DtlsCertificate cert = DtlsCertificate.generate();
        try (Junction j = Junction.builder().httpPort(0).bindAddress("127.0.0.1").mediaPort(0)
                .mediaBindAddress("127.0.0.1").announce("127.0.0.1").build().start();
             DataBot bot = DataBot.attach(j, "lobby")) {
            URI ws = URI.create("ws://127.0.0.1:" + j.httpPort() + "/ws");
            SfuParticipantClient ann = new SfuParticipantClient(ws, "lobby", "ann", false, cert, handshakes);
            SfuParticipantClient ben = new SfuParticipantClient(ws, "lobby", "ben", false, cert, handshakes);
            try {
                ClientDataChannels annData = ann.dataChannels();
                ClientDataChannels benData = ben.dataChannels();
                for (SfuParticipantClient c : new SfuParticipantClient[] {ann, ben}) {
                    c.joined().get(5, TimeUnit.SECONDS);
                    c.connected().get(10, TimeUnit.SECONDS);
                }
                ClientDataChannels.Channel annChat = annData.open(DataBot.LABEL, ChannelOptions.RELIABLE)
                        .get(15, TimeUnit.SECONDS);
                ClientDataChannels.Channel benChat = benData.open(DataBot.LABEL, ChannelOptions.RELIABLE)
                        .get(15, TimeUnit.SECONDS);
                assertEquals(SendStatus.OK, annChat.send("!upper hello bot").get(5, TimeUnit.SECONDS));
                ClientDataChannels.Message m = annChat.received().poll(15, TimeUnit.SECONDS);
                assertNotNull(m, "no answer from the bot");
                assertEquals(DataBot.ID, m.from());
                assertEquals("HELLO BOT", m.text());
                assertEquals(SendStatus.OK, annChat.send(new byte[1000]).get(5, TimeUnit.SECONDS));
                m = annChat.received().poll(15, TimeUnit.SECONDS);
                assertNotNull(m);
                assertEquals("1000 bytes", m.text());

                // Ben saw Ann's command and her binary message (room-wide chat), not the bot's answers.
                m = benChat.received().poll(15, TimeUnit.SECONDS);
                assertEquals(ann.id(), m.from());
                assertEquals("!upper hello bot", m.text());
                m = benChat.received().poll(15, TimeUnit.SECONDS);
                assertEquals(1000, m.binary().length);
                // Ann got both answers before Ben asks: had either leaked to Ben, it would come before his.
                assertEquals(SendStatus.OK, benChat.send("!upper b").get(5, TimeUnit.SECONDS));
                assertEquals("B", benChat.received().poll(15, TimeUnit.SECONDS).text());
                assertEquals("!upper b", annChat.received().poll(15, TimeUnit.SECONDS).text());
            } finally {
                ann.close();
                ben.close();
            }
        } finally {
            handshakes.shutdownNow();
        }
    }
}
