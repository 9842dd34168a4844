package io.junction.ice;

import java.nio.charset.StandardCharsets;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;

/** The ufrag the shared port demultiplexes on (RFC 8445 §7.2.2: USERNAME is "local:remote"). */
final class AbstractUdpListenerAccess {
    private AbstractUdpListenerAccess() {
    }

    static String ufrag(byte[] stun) throws Exception {
        Message m = Message.decode(stun, 0, stun.length);
        UsernameAttribute u = (UsernameAttribute) m.getAttribute(Attribute.USERNAME);
        return new String(u.getUsername(), StandardCharsets.UTF_8).split(":")[0];
    }
}
