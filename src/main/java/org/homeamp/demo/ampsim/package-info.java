/**
 * The in-process AMP simulator (JDK HttpServer speaking AMP's wire format, instance files,
 * lifecycle, failures on request). Part of the demo: it may import every package except
 * {@code cli}, and nothing outside {@code demo} and {@code cli} imports it.
 */
package org.homeamp.demo.ampsim;
