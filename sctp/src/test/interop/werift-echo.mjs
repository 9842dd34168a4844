// Interop peer for WeriftInteropTest: a werift-sctp association over UDP on 127.0.0.1 that echoes
// every message back on the same stream with the same PPID, and reports events on stdout.
// Usage: node werift-echo.mjs <client|server> <own udp port> <java udp port>
import { createRequire } from "module";
import { createSocket } from "dgram";
const require = createRequire(process.env.WERIFT_DIR + "/");
const { SCTP, createUdpTransport } = require("werift-sctp");

const [mode, ownPort, javaPort] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const socket = createSocket("udp4");
socket.bind(ownPort, "127.0.0.1");
const transport = createUdpTransport(socket, { port: javaPort, address: "127.0.0.1" });
const sctp = mode === "client" ? SCTP.client(transport) : SCTP.server(transport);
sctp.onReceive.subscribe((stream, ppid, data) => {
  console.log(`recv ${stream} ${ppid} ${data.length}`);
  sctp.send(stream, ppid, data);
});
sctp.onReconfigStreams.subscribe((streams) => console.log(`reset ${streams.join(",")}`));
sctp.stateChanged.connected.subscribe(() => {
  console.log("connected");
  sctp.send(1, 51, Buffer.from("hello from werift"));
});
sctp.stateChanged.closed.subscribe(() => {
  console.log("closed");
  setTimeout(() => process.exit(0), 100);
});
await sctp.start(5000);
setTimeout(() => process.exit(2), 60000);
