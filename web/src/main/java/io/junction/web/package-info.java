/**
 * The runnable Junction server: {@link io.junction.web.JunctionMain} (command line),
 * {@link io.junction.web.Options} and {@code ConfigSources} (command line, environment, config file),
 * {@link io.junction.web.JunctionServer} (a {@code io.junction.server.Junction} started from
 * those options, without a JVM exit, for tests) and the
 * browser page under the classpath folder {@code static/}.
 */
package io.junction.web;
