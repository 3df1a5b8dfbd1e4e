// CFortress: the thin C layer under the Fortress module.
//
// Swift cannot call variadic C functions (syscall, prctl, seccomp_rule_add) nor import
// function-like macros (SCMP_ACT_ERRNO, SCMP_CMP), so those few calls live here. Every symbol
// is prefixed CFortress_ and libseccomp's own types never cross into Swift.
#ifndef CFORTRESS_H
#define CFORTRESS_H

#include <stddef.h>
#include <stdint.h>

// ---- Secret memory ----------------------------------------------------------------------

/// How a secret region was obtained.
enum CFortressSecretKind {
    CFortressSecretMemfd = 1,   // memfd_secret(2): pages removed from the kernel's direct map
    CFortressSecretLocked = 2,  // anonymous mmap + mlock + MADV_DONTDUMP
};

/// Allocates `size` bytes of secret memory (zero-filled). Returns NULL and sets errno on failure.
/// `*kind` tells which mechanism was used, `*fd` the memfd (or -1).
void *CFortress_secret_alloc(size_t size, int *kind, int *fd);

/// Zeroes and releases a region from CFortress_secret_alloc.
void CFortress_secret_free(void *region, size_t size, int fd);

/// Zeroes `size` bytes at `p` in a way the compiler may not elide.
void CFortress_wipe(void *p, size_t size);

/// Registers a region that the exit funnel and the crash handlers must zero. At most 8 regions.
int CFortress_register_secret(void *region, size_t size);
void CFortress_unregister_secret(void *region);

/// Zeroes every registered region. Async-signal-safe.
void CFortress_wipe_registered(void);

/// Zeroes the registered secrets and ends the process with `status` (no atexit handlers,
/// no destructors: nothing may run after the wipe).
_Noreturn void CFortress_exit(int status);

/// Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE and SIGABRT that wipe the
/// registered secrets, then re-raise with the default action.
int CFortress_install_crash_wipe(void);

// ---- Environment and process hardening ------------------------------------------------

/// 1 in a build under AddressSanitizer or ThreadSanitizer (test builds), else 0.
int CFortress_built_with_sanitizer(void);

/// Closes every descriptor above stderr (all inherited: nothing of ours is open at startup).
/// Returns 0 or -errno. A no-op under a sanitizer.
int CFortress_close_inherited_descriptors(void);

int CFortress_set_dumpable(int on);
int CFortress_get_dumpable(void);
int CFortress_set_no_new_privs(void);
int CFortress_get_no_new_privs(void);
int CFortress_set_malloc_perturb(int byte);
int CFortress_thread_count(void);

// ---- Startup capture (the constructor in startup.c; owned by the startup work) ------------

#include <sys/types.h>

/// Size of each secret region the constructor fills (one page: the token; the header lines).
enum { CFortressStartupCapacity = 4096 };

/// What went wrong reading one secret source; CFortressSourceOK when nothing did.
enum CFortressSourceStatus {
    CFortressSourceOK = 0,
    CFortressSourceEmpty = 1,
    CFortressSourceTooLong = 2,
    CFortressSourceUnreadable = 3,      // open/fstat/read failed: `error`
    CFortressSourceNotRegular = 4,
    CFortressSourcePermissions = 5,     // readable by group or others: `mode`
    CFortressSourceOwner = 6,
    CFortressSourceNoSecretMemory = 7,  // memfd_secret and the locked fallback failed: `error`
};

struct CFortressSourceFailure {
    int32_t status;  // enum CFortressSourceStatus
    int32_t error;   // errno
    uint32_t mode;   // st_mode
};

/// A secret region from CFortress_secret_alloc (registered for the exit wipe), or bytes == NULL.
struct CFortressSecretRegion {
    void *bytes;
    int32_t fd;
    int32_t kind;    // enum CFortressSecretKind
    size_t length;   // bytes written
};

enum CFortressTokenSource {
    CFortressTokenAbsent = 0,
    CFortressTokenFromVariable = 1,  // COOLIFY_ACCESS_TOKEN
    CFortressTokenFromFile = 2,      // COOLIFY_ACCESS_TOKEN_FILE (wins when set and not empty)
};

struct CFortressTokenCapture {
    int32_t source;  // enum CFortressTokenSource
    struct CFortressSourceFailure failure;
    const char *path;  // the file variable's value, in the environment block (not a secret copy)
    struct CFortressSecretRegion region;
};

/// Header records in the region: a tag byte, a 16-bit little-endian length, the bytes.
enum {
    CFortressHeaderFromArgument = 'A',  // one --header value: "Name: value"
    CFortressHeaderFromFile = 'F',      // the whole COOLIFY_HEADERS_FILE, lines of "Name: value"
};

struct CFortressHeadersCapture {
    struct CFortressSourceFailure failure;
    const char *path;  // COOLIFY_HEADERS_FILE's value, when set
    struct CFortressSecretRegion region;
};

struct CFortressStartup {
    int32_t ran;               // the capture ran (a secret source was present)
    int32_t made_undumpable;   // the constructor cleared the dumpable flag first
    struct CFortressTokenCapture token;
    struct CFortressHeadersCapture headers;
};

/// Whether `envp` holds COOLIFY_ACCESS_TOKEN, COOLIFY_ACCESS_TOKEN_FILE or COOLIFY_HEADERS_FILE,
/// or `argv` a --header argument: the constructor does nothing otherwise.
int CFortress_startup_secrets_present(int argc, char **argv, char **envp);

/// Reads the token and the header values into secret memory, zeroes --header values in `argv`
/// and removes (and zeroes) every COOLIFY_ACCESS_TOKEN entry of `envp`. The constructor calls it
/// with the process's own blocks; tests call it with their own arrays.
void CFortress_startup_capture(int argc, char **argv, char **envp);

/// The recorded outcome (read before any other thread exists).
const struct CFortressStartup *CFortress_startup_result(void);

/// Hands a region to Swift (`keep` non-zero: forgotten here, Swift frees it) or frees it.
void CFortress_startup_take_token(int keep);
void CFortress_startup_take_headers(int keep);

/// Frees both regions and forgets the outcome.
void CFortress_startup_reset(void);

enum CFortressConstructorState {
    CFortressConstructorNotRun = 0,
    CFortressConstructorLeftAlone = 1,  // ran, found no secret source, changed nothing
    CFortressConstructorActed = 2,      // ran the capture
};

/// What the constructor did in this process.
int CFortress_startup_constructor_state(void);

/// Removes every `name=` entry from the NULL-terminated `envp` and zeroes its bytes in place.
int CFortress_scrub_env_block(char **envp, const char *name);

// ---- end of the startup capture block ------------------------------------------------------

// ---- Landlock ---------------------------------------------------------------------------

/// The kernel's Landlock ABI version, or a negative errno (-ENOSYS, -EOPNOTSUPP).
int CFortress_landlock_abi(void);

/// Creates a ruleset handling the given access masks for the ABI. Returns an fd or -errno.
int CFortress_landlock_create(uint64_t fs_access, uint64_t net_access, uint64_t scoped);
/// Allows `access` beneath the already-open `parent_fd`. Returns 0 or -errno.
int CFortress_landlock_allow_path(int ruleset, int parent_fd, uint64_t access);
/// Allows the TCP `access` (bind/connect) for `port`. Returns 0 or -errno.
int CFortress_landlock_allow_port(int ruleset, uint64_t port, uint64_t access);
/// Enforces the ruleset on the calling thread and its future children. Returns 0 or -errno.
int CFortress_landlock_enforce(int ruleset);

// ---- seccomp ----------------------------------------------------------------------------

enum CFortressCmp {
    CFortressCmpEq = 1,        // arg == a
    CFortressCmpMaskedEq = 2,  // (arg & a) == b
};

struct CFortressArgCheck {
    uint32_t index;  // argument number, 0-5
    uint32_t op;     // enum CFortressCmp
    uint64_t a;
    uint64_t b;
};

/// One rule: `action` for syscall `name` when every check holds (`count` checks, 0-3).
struct CFortressRule {
    const char *name;
    uint32_t action;
    uint32_t count;
    struct CFortressArgCheck checks[3];
};

enum {
    CFortressActAllow = 0x7fff0000U,
    CFortressActKillProcess = 0x80000000U,
    CFortressActTrap = 0x00030000U,
    CFortressActErrnoBase = 0x00050000U,
};

/// The syscall number of `name` on this architecture, or a negative value if unknown.
int CFortress_syscall_number(const char *name);

/// Builds the filter from `rules` (default action `default_action`; other architectures and x32
/// get `badarch_action`). When `pfc_fd` >= 0 the filter is written there in libseccomp's readable
/// PFC form. When `load` is non-zero it is loaded with TSYNC so every thread gets it.
/// Returns 0, or -errno; on a rule error `*failed_rule` is its index.
int CFortress_seccomp_build(const struct CFortressRule *rules, size_t count, uint32_t default_action,
                            uint32_t badarch_action, int pfc_fd, int load, int *failed_rule);

/// The name of syscall `nr` on this architecture (never freed), or NULL.
const char *CFortress_syscall_name(int nr);

/// Reads the Seccomp: mode of the calling thread (0, 1 or 2) from prctl.
int CFortress_seccomp_mode(void);

// ---- SIGSYS reporting (--sandbox-report) --------------------------------------------------

/// Sets the name table (indexed by syscall number) and installs a SIGSYS handler that writes
/// "coolify-mcp: sandbox refused syscall NAME (ARG0, ..., ARG5)\n" (arguments in hex) to stderr
/// with write(2) only, then returns EPERM to the caller.
int CFortress_install_sigsys_reporter(const char *const *names, size_t count);

#endif
