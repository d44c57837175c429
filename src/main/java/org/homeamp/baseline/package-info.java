/**
 * What an instance's files should contain: {@code BaselineSet} (the baselines folder with group
 * and instance overlays), {@code ExpectedConfigRenderer} (deep merge, typed
 * {@code {{placeholders}}}), {@code ExpectedFile}, and {@code Rules}/{@code RulesParser}
 * ({@code rules.yml}). It may import {@code variables}, {@code formats} and {@code config};
 * never {@code drift} (unresolved placeholders are returned as
 * {@code ExpectedFile.UnresolvedKey}, and drift makes the findings).
 */
package org.homeamp.baseline;
