package io.junction.ice;

import org.ice4j.TransportAddress;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.stack.StunStack;

/**
 * ice4j's STUN stack, with every socket it is given wrapped in a {@link StunCheckedSocket}: the stack's
 * reader (one ice4j connector per socket) then hands only well-framed STUN to {@code Message.decode}.
 * On the server the sockets are the shared port's per-remote-address sockets; on a client its own socket.
 */
final class CheckedStunStack extends StunStack {
    private final StunGuardCounter counter = new StunGuardCounter();

    StunGuardCounter counter() {
        return counter;
    }

    @Override
    public void addSocket(IceSocketWrapper sock) {
        super.addSocket(wrap(sock));
    }

    @Override
    public void addSocket(IceSocketWrapper sock, TransportAddress remoteAddress) {
        super.addSocket(wrap(sock), remoteAddress);
    }

    private IceSocketWrapper wrap(IceSocketWrapper sock) {
        return sock instanceof StunCheckedSocket ? sock : new StunCheckedSocket(sock, counter);
    }
}
