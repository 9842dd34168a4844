/**
 * The runnable Junction server and the browser conference page.
 */
package io.junction.web;
