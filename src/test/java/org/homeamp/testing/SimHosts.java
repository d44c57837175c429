package org.homeamp.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes the host-directory layout the AMP simulator serves: two hosts, hetzner (with ovh as remote target) and ovh. */
public final class SimHosts {

    public static final String USER = "homeamp";
    public static final String PASSWORD = "correct horse";
    public static final String HETZNER_ID = "6f1c1b9e-0d5a-4a57-9f51-3c1d2b7a0e11";
    public static final String OVH_ID = "0b8e7d44-5a1f-4c0e-8d2a-9e6f1a2b3c44";
    public static final String LOBBY_ID = "a1b2c3d4-1111-4222-8333-444455556666";
    public static final String SURVIVAL_ID = "a1b2c3d4-2222-4222-8333-444455556666";
    public static final String GEYSER_ID = "a1b2c3d4-3333-4222-8333-444455556666";
    public static final String CREATIVE_ID = "b1b2c3d4-4444-4222-8333-444455556666";

    private SimHosts() {
    }

    /** Writes both hosts under {@code hostsDir}; returns the hetzner host dir. */
    public static Path write(Path hostsDir, int sessionIdleSeconds, long restartMillis) throws IOException {
        Path hetzner = hostsDir.resolve("hetzner");
        Files.createDirectories(hetzner);
        Files.writeString(hetzner.resolve("host.json"), """
                {"targetName":"hetzner","targetId":"%s","username":"%s","passwordSha256":"%s",
                 "remoteTargets":["ovh"],"sessionIdleSeconds":%d,"restartMillis":%d}
                """.formatted(HETZNER_ID, USER, sha256(PASSWORD), sessionIdleSeconds, restartMillis));
        Files.writeString(hetzner.resolve("instances.json"), """
                [
                 {"InstanceID":"%s","InstanceName":"Lobby01","FriendlyName":"Lobby","Module":"Minecraft","Port":8081,"AppState":20,"Running":true},
                 {"InstanceID":"%s","InstanceName":"Survival01","FriendlyName":"Survival","Module":"Minecraft","Port":8082,"AppState":0,"Running":false},
                 {"InstanceID":"%s","InstanceName":"Geyser01","FriendlyName":"Geyser","Module":"GenericModule","ModuleDisplayName":"Geyser","Port":8083,"AppState":20,"Running":true}
                ]
                """.formatted(LOBBY_ID, SURVIVAL_ID, GEYSER_ID));
        Path lobby = hetzner.resolve("instances/Lobby01/Minecraft");
        Files.createDirectories(lobby.resolve("plugins/LuckPerms"));
        Files.writeString(lobby.resolve("server.properties"), "motd=Lobby\nmax-players=100\n");
        Files.writeString(lobby.resolve("plugins/LuckPerms/config.yml"), "server: lobby\n");
        pluginJar(lobby.resolve("plugins/LuckPerms-Bukkit-5.4.102.jar"), "LuckPerms", "5.4.102");
        pluginJar(lobby.resolve("plugins/EssentialsX-2.20.1.jar"), "Essentials", "2.20.1");

        Path ovh = hostsDir.resolve("ovh");
        Files.createDirectories(ovh);
        Files.writeString(ovh.resolve("host.json"), """
                {"targetName":"ovh","targetId":"%s","username":"%s","passwordSha256":"%s","remoteTargets":[]}
                """.formatted(OVH_ID, USER, sha256(PASSWORD)));
        Files.writeString(ovh.resolve("instances.json"), """
                [{"InstanceID":"%s","InstanceName":"Creative01","FriendlyName":"Creative","Module":"Minecraft","Port":8081,"AppState":20,"Running":true}]
                """.formatted(CREATIVE_ID));
        return hetzner;
    }

    public static void pluginJar(Path jar, String name, String version) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin.yml"));
            zip.write(("name: " + name + "\nversion: '" + version + "'\nmain: org.example." + name + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
