/**
 * WebRTC data channels on an association: DCEP (RFC 8832) and the channel API (RFC 8831 §6).
 *
 * <pre>{@code
 * DataChannels channels = new DataChannels(association, dtlsClient);
 * channels.onChannel(ch -> ch.setListener(myListener));          // channels the peer opened
 * DataChannel chat = channels.open("chat", ChannelOptions.RELIABLE, myListener);
 * DataChannel cursor = channels.open("cursor",
 *         ChannelOptions.RELIABLE.unordered().withMaxRetransmits(0), myListener);
 * DataChannel pre = channels.open("pre", ChannelOptions.RELIABLE.negotiatedId(5), myListener);
 * chat.send("hi"); chat.send(bytes); chat.bufferedAmount(); chat.close();
 * }</pre>
 * Stream ids follow the DTLS role (client even, server odd, RFC 8832 §6); a peer's OPEN on a free
 * stream of either parity is accepted (werift picks the parity from the ICE role), and local ids
 * skip streams in use. A channel opened before
 * the association is established opens when it is. Text is PPID 51, binary 53, empty messages
 * 56/57 with one zero byte (RFC 8831 §6.6, §8). {@code close()} resets the outgoing stream; the
 * channel is closed when both directions are reset (RFC 8831 §6.7).
 */
package io.junction.sctp.dcep;
