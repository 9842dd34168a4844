/**
 * JMH micro-benchmarks of the per-packet path. Build with
 * {@code mvn -B -pl bench -am package -DskipTests} and run {@code java -jar bench/target/benchmarks.jar}.
 */
package io.junction.bench.jmh;
