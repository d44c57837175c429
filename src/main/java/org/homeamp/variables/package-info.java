/**
 * The variables sheet: {@code VariablesReader} (xlsx first sheet or CSV, every problem with its
 * cell) and {@code VariablesTable} (precedence instance, then groups, then {@code *}). It
 * imports only {@code config}.
 */
package org.homeamp.variables;
