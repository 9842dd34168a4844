// The same interop scenario as data-interop.test.js, plus a werift peer (an independent WebRTC
// stack in Node, lib/werift-peer.js) exchanging every mode with each browser both ways.
// Opt-in (not in the default list): werift's joins and channels are not yet reliable here (see
// bench/RESULTS.md or the issue notes); run it with BROWSER_TESTS="tests/data-interop-werift.test.js".
import { describeInterop } from '../lib/data-parties.js';

describeInterop('data channel interop through Junction: Chromium, Firefox ESR and werift', 'data-interop-werift', true);
