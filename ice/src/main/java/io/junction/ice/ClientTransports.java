package io.junction.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.socket.IceUdpSocketWrapper;

/** Builds client (controlling) transports: one ephemeral UDP port each, read by the shared {@link ClientIo}. */
final class ClientTransports {
    private ClientTransports() {
    }

    static IceTransport create(String bindAddress, IceTransport.Listener l, Duration connectTimeout,
                               Duration consentTimeout) {
        IceConfig checked = IceConfig.builder().bindAddress(bindAddress).connectTimeout(connectTimeout)
                .consentTimeout(consentTimeout).build();
        Ice4jSetup.apply();
        ClientIo io = ClientIo.acquire();
        DatagramChannel ch = null;
        ClientSocket sock = null;
        try {
            ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(IpLiterals.toAddress(checked.bindAddress()), 0));
            ch.configureBlocking(false);
            sock = new ClientSocket(ch, io);
            IceUdpSocketWrapper wrapper = new IceUdpSocketWrapper(sock);
            int port = sock.getLocalPort();
            AgentTransport.AgentParts parts = AgentTransport.AgentParts.create(true,
                    a -> a.addCandidateHarvester(new SocketHarvester(wrapper)), c -> {
                        LocalCandidate hc = c.getLocalCandidates().get(0);
                        return List.of(Candidate.host(hc.getFoundation(), 1, hc.getPriority(), bindAddress, port));
                    });
            ClientSocket s = sock;
            AgentTransport t = new AgentTransport(parts, l, io.timer(), checked.connectTimeout(),
                    checked.consentTimeout(), CandidateFilter.all(), s::close);
            sock.attach(t);
            return t;
        } catch (IOException | RuntimeException e) {
            if (sock != null) {
                sock.close(); // releases io
            } else {
                closeQuietly(ch);
                ClientIo.release(io);
            }
            throw e instanceof IOException io2 ? new UncheckedIOException(io2) : (RuntimeException) e;
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
