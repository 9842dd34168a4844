// Data channel interop through the SFU (issue 17): a Chromium tab, a Firefox ESR tab and a Java
// participant (the client module, lib/java-peer.js) in one sfu room. For each pair, each way, the
// sender opens channels in every delivery mode (reliable ordered, unordered, max-retransmits 0,
// max-packet-lifetime) and sends text and binary messages from 1 byte up to the server limit just
// under 256 KiB (clamped to the receiver's advertised max-message-size). The receiver sees the
// channel the server opened toward it with the sender's options, every message intact (a
// per-message pattern is checked at the receiver), wrapped in the envelope of PROTOCOL.md "Data
// channels" with the sender's id, and in order where the channel is ordered. A reply on a
// channel the server opened reaches the sender on its own channel. Messages that expire
// (max-packet-lifetime 1 ms) do not stall the associations. Scenario: lib/data-parties.js.
// Skipped (with a message) when firefox-esr is missing, unless CI=true (then it fails); the Java
// participant needs JUNCTION_JAVA_PEER_CP (BrowserSuiteIT sets it; required when CI=true).
import { describeInterop } from '../lib/data-parties.js';

describeInterop('data channel interop through Junction: Chromium, Firefox ESR and a Java participant', 'data-interop', false);
