package org.homeamp.doctor;

/**
 * One line of {@code homeamp doctor}.
 *
 * @param check  short name of what was checked ({@code state-dir}, {@code amp hetzner login})
 * @param status the outcome
 * @param detail what was found, in the operator's words; never a secret
 * @param fix    what to do; empty for OK and SKIP
 */
public record CheckResult(String check, CheckStatus status, String detail, String fix) {

    static CheckResult ok(String check, String detail) {
        return new CheckResult(check, CheckStatus.OK, detail, "");
    }

    static CheckResult warn(String check, String detail, String fix) {
        return new CheckResult(check, CheckStatus.WARN, detail, fix);
    }

    static CheckResult fail(String check, String detail, String fix) {
        return new CheckResult(check, CheckStatus.FAIL, detail, fix);
    }

    static CheckResult skip(String check, String detail) {
        return new CheckResult(check, CheckStatus.SKIP, detail, "");
    }

    /** The line as printed: status, check, detail and, when there is one, the fix. */
    public String line() {
        return String.format("%-5s %-24s %s%s", status, check, detail, fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
