/**
 * The load bench behind {@code junction-bench.jar}: simulated publishers and subscribers (real
 * participants over signaling, ICE, DTLS and SRTP), seeded network impairment, loss and latency
 * accounting, server process sampling, and the report (table, JSON, chart).
 */
package io.junction.bench.load;
