/**
 * The instance-files port {@code InstanceFiles} (local disk or through AMP's FileManager),
 * {@code InstancePaths} (no escape from {@code Minecraft/}) and {@code AtomicFiles} (temp file
 * + rename). A port: it imports only {@code amp} and {@code config}.
 */
package org.homeamp.files;
