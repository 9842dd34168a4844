package io.junction.sctp.assoc;

import java.util.ArrayList;
import java.util.List;

/** Test listener: records what an association reports. */
class Recorder implements AssociationListener {
    record Msg(int stream, long ppid, byte[] data) {
    }

    final List<Msg> messages = new ArrayList<>();
    final List<int[]> incomingResets = new ArrayList<>();
    final List<int[]> outgoingResets = new ArrayList<>();
    boolean established;
    String closed;

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
