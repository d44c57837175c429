package org.homeamp.doctor;

import java.time.Duration;
import java.util.Map;

/**
 * What {@link Doctor} needs from outside the configuration file.
 *
 * @param user          whose permissions are checked (the service user); {@code null}: the user running
 *                      doctor, or {@code homeamp} when that is root and a {@code homeamp} user exists
 * @param minFreeDisk   free bytes the state dir needs at least, whatever the pending downloads need
 * @param environment   environment variables ({@code password-env}, the GitHub token)
 * @param systemctl     the systemctl command; checks of the timer are skipped when it is absent
 * @param timeout       the longest one network check may take
 * @param toolVersion   for {@code ${version}} in the User-Agent
 */
public record DoctorOptions(String user, long minFreeDisk, Map<String, String> environment, String systemctl,
        Duration timeout, String toolVersion) {

    /** 512 MiB: a night's staged jars and the backups of one deployment fit many times over. */
    public static final long DEFAULT_MIN_FREE_DISK = 512L * 1024 * 1024;

    /** The options for a real run: this process's environment, {@code systemctl} on the PATH, 10 s per check. */
    public static DoctorOptions defaults(String user, long minFreeDisk, String toolVersion) {
        return new DoctorOptions(user, minFreeDisk, System.getenv(), "systemctl", Duration.ofSeconds(10), toolVersion);
    }
}
