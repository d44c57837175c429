/**
 * The demo network: {@code DemoNetworkGenerator} (instance trees, real plugin jars, configs
 * with planted drift, host files) and {@code SimulatedHosts} (starts the simulators). It may
 * import every package except {@code cli}; only {@code cli} imports it.
 */
package org.homeamp.demo;
