package io.junction.ice;

import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;

/**
 * Host "harvester" of one client socket: ice4j's own host harvester skips loopback, so the host
 * candidate (RFC 8445 §5.1.1.1) is made here from a socket we already bound, and its socket is given to
 * the agent's STUN stack.
 */
final class SocketHarvester implements CandidateHarvester {
    private final IceSocketWrapper socket;
    private final HarvestStatistics stats = new HarvestStatistics();

    SocketHarvester(IceSocketWrapper socket) {
        this.socket = socket;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        HostCandidate hc = new HostCandidate(socket, component, Transport.UDP);
        component.addLocalCandidate(hc);
        component.getParentStream().getParentAgent().getStunStack().addSocket(socket);
        return List.of(hc);
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return stats;
    }
}
