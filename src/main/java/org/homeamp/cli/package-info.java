/**
 * The {@code homeamp} command line (picocli commands, exit codes, console output: the only code
 * that prints to stdout). The top of the layers: it may import every package, and no package
 * imports it.
 */
package org.homeamp.cli;
