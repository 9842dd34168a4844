package io.junction.sctp.assoc;

import java.util.ArrayList;
import java.util.List;

/** Test listener: records what an association reports. */
public class Recorder implements AssociationListener {
    public record Msg(int stream, long ppid, byte[] data) {
    }

    public final List<Msg> messages = new ArrayList<>();
    public final List<int[]> incomingResets = new ArrayList<>();
    public final List<int[]> outgoingResets = new ArrayList<>();
    public boolean established;
    public String closed;

    @Override
    public void onEstablished() {
        established = true;
    }

    @Override
    public void onMessage(int streamId, long ppid, byte[] data) {
        messages.add(new Msg(streamId, ppid, data));
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
        incomingResets.add(streamIds);
    }

    @Override
    public void onOutgoingStreamsReset(int[] streamIds) {
        outgoingResets.add(streamIds);
    }

    @Override
    public void onClosed(String reason) {
        if (closed != null) {
            throw new AssertionError("onClosed twice: " + closed + " / " + reason);
        }
        closed = reason;
    }
}
