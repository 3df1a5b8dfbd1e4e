internal import CFortress

/// Removing the token from the process environment.
package enum Environment {
    /// Removes every secret variable from `environ` and zeroes its bytes in place, including
    /// the initial environment block that `/proc/PID/environ` shows to same-user processes.
    /// Call after ``TokenSource/read()`` (which copied the bytes into secret memory) and before
    /// anything else can read the environment. Returns how many entries were scrubbed.
    @discardableResult
    package static func scrubSecrets(_ names: [String] = TokenSource.secretVariableNames) -> Int {
        var scrubbed = 0
        for name in names {
            scrubbed += Int(CFortress_scrub_env(name))
        }
        return scrubbed
    }

    /// Zeroes the bytes of a C string in place (an argv entry that carried a header value, so
    /// that /proc/PID/cmdline, which stays world-readable, no longer shows it).
    package static func scrub(_ string: UnsafeMutablePointer<CChar>) {
        CFortress_scrub_string(string)
    }
}
