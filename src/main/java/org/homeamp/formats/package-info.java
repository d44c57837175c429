/**
 * Configuration file formats, below both {@code baseline} and {@code drift}:
 * {@code ConfigParser} (YAML as Bukkit reads it, .properties, JSON, TOML, text) into
 * {@code ParsedConfig} trees, {@code ConfigFormat}, {@code KeyPath} (printed key paths),
 * {@code Values} (semantic equality), {@code CompareMode} and {@code ListOrder}; code that
 * edits these files in place belongs here too. It imports no feature package (only
 * {@code config} is allowed), so that every feature can read and write configuration files
 * without a cycle.
 */
package org.homeamp.formats;
