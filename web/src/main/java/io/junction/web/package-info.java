/**
 * The runnable Junction server: {@link io.junction.web.JunctionMain} (command line),
 * {@link io.junction.web.JunctionServer} (start/stop without a JVM exit, for tests and embedding),
 * {@link io.junction.web.EngineFactory} (the one place the media engine is created) and the
 * browser page under the classpath folder {@code static/}.
 */
package io.junction.web;
