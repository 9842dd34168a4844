/**
 * Applications that embed Junction; built and tested with the reactor, never published.
 */
package io.junction.examples;
