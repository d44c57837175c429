/**
 * The in-process update source (Modrinth, GitHub, Hangar, Spiget and Jenkins wire formats, real
 * jars, ETag/304); what it publishes comes from {@code demo.DemoUpdateScenario}. Part of the demo: it may import every package
 * except {@code cli}, and nothing outside {@code demo} and {@code cli} imports it.
 */
package org.homeamp.demo.updatesim;
