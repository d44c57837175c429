/**
 * The port to CubeCoders AMP: {@code AmpClient} is the only code that speaks AMP's API (logins,
 * sessions, instance states, FileManager). A port: it imports only {@code config} and is used
 * by features and by {@code files}.
 */
package org.homeamp.amp;
