package io.junction.sfu.data;

import io.junction.dtls.DtlsRole;
import io.junction.sctp.assoc.AssociationOptions;
import io.junction.sfu.sdp.SctpDescription;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.transport.MediaTransport;
import io.junction.transport.data.SctpTransport;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue between one participant's transport and negotiation and the room's {@link DataRoom}: the
 * association exists once a description with a data section (RFC 8841) has been exchanged and the
 * transport exists; it starts when DTLS is connected. Methods other than
 * {@link #onApplicationData} run on the room worker.
 */
public final class DataLink {
    private static final Logger LOG = LoggerFactory.getLogger(DataLink.class);
    /** SCTP packet size: fits one DTLS record in a 1200-byte datagram with any negotiated cipher. */
    static final int MTU = 1120;
    /** Largest message relayed: 256 KiB (what we advertise) plus room for the sender envelope. */
    static final int MAX_MESSAGE = (int) SctpDescription.SERVER_MAX_MESSAGE_SIZE + 1024;

    private final String participantId;
    private final DataRoom room;
    private final Executor worker;
    private final LongSupplier clockMs;
    private volatile SctpTransport sctp;
    private boolean connected;
    private boolean closed;

    public DataLink(String participantId, DataRoom room, Executor worker, LongSupplier clockMs) {
        this.participantId = participantId;
        this.room = room;
        this.worker = worker;
        this.clockMs = clockMs;
    }

    /** A DTLS application-data record (DTLS receive thread): queued to the worker, or not taken. */
    public boolean onApplicationData(byte[] buf, int off, int len) {
        SctpTransport s = sctp;
        return s != null && s.offer(buf, off, len);
    }

    /**
     * A description from the participant was accepted ({@code remote}: its offer or answer); when
     * it has a data section, the association is set up on {@code transport}.
     */
    public void onNegotiated(SessionDescription remote, MediaTransport transport) {
        if (closed || sctp != null || transport == null) {
            return;
        }
        SctpDescription d = SctpDescription.find(remote);
        if (d == null) {
            return;
        }
        AssociationOptions opt = AssociationOptions.DEFAULTS.withPorts(SctpDescription.DEFAULT_PORT, d.sctpPort())
                .withMtu(MTU).withBuffers(MAX_MESSAGE, 2L * DataRoom.DEFAULT_MAX_BUFFERED + MAX_MESSAGE,
                        DataRoom.DEFAULT_MAX_BUFFERED + MAX_MESSAGE);
        SctpTransport s = new SctpTransport(opt, transport.dtlsRole() == DtlsRole.CLIENT, clockMs,
                new SecureRandom(), transport::sendApplicationData, worker);
        room.join(participantId, s, d.maxMessageSize());
        sctp = s;
        LOG.debug("participant {}: data channels negotiated (peer port {}, max message {})", participantId,
                d.sctpPort(), d.maxMessageSize());
        if (connected) {
            s.start();
        }
    }

    /** DTLS is connected. */
    public void onTransportConnected() {
        connected = true;
        SctpTransport s = sctp;
        if (s != null) {
            s.start();
        }
    }

    /** The participant left or lost its transport. */
    public void close(String reason) {
        closed = true;
        sctp = null;
        room.leave(participantId, reason);
    }
}
