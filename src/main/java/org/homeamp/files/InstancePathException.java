package org.homeamp.files;

import java.io.IOException;

/** A path that would leave the instance's {@code Minecraft/} folder (absolute, {@code ..}, drive letters). */
public class InstancePathException extends IOException {
    public InstancePathException(String message) {
        super(message);
    }
}
