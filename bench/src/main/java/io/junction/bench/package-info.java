/**
 * Load generator (simulated publishers and subscribers) and JMH benchmarks.
 */
package io.junction.bench;
