/**
 * The instance-files port {@code InstanceFiles} (local disk or through AMP's FileManager),
 * and {@code InstancePaths} (no escape from {@code Minecraft/}). A port: it imports only
 * {@code amp} and {@code config}.
 */
package org.homeamp.files;
