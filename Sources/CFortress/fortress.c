// Implementation of the CFortress shim. Linux only; every function is small and does one call.
#include "CFortress.h"
#include "landlock_uapi.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

// ---- Secret memory ----------------------------------------------------------------------

void CFortress_wipe(void *p, size_t size) {
    if (p != NULL && size > 0) {
        explicit_bzero(p, size);
    }
}

void *CFortress_secret_alloc(size_t size, int *kind, int *fd) {
    *fd = -1;
    long memfd = syscall(CF_SYS_memfd_secret, (unsigned int)O_CLOEXEC);
    if (memfd >= 0) {
        if (ftruncate((int)memfd, (off_t)size) == 0) {
            void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, (int)memfd, 0);
            if (p != MAP_FAILED) {
                // The mapping keeps the pages; the descriptor is not needed, and closing it
                // leaves no descriptor of ours for the inherited-descriptor sweep to spare.
                close((int)memfd);
                *kind = CFortressSecretMemfd;
                return p;
            }
        }
        close((int)memfd);
    }
    // No memfd_secret (kernel without it, or secretmem disabled): locked anonymous pages kept
    // out of core dumps and away from children.
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return NULL;
    }
    if (mlock(p, size) != 0) {
        int saved = errno;
        munmap(p, size);
        errno = saved;
        return NULL;
    }
    (void)madvise(p, size, MADV_DONTDUMP);
    (void)madvise(p, size, MADV_WIPEONFORK);
    *kind = CFortressSecretLocked;
    return p;
}

void CFortress_secret_free(void *region, size_t size, int fd) {
    if (region == NULL) {
        return;
    }
    explicit_bzero(region, size);
    munlock(region, size);
    munmap(region, size);
    if (fd >= 0) {
        close(fd);
    }
}

// The registry the exit funnel and crash handlers wipe. A fixed array, so the signal handler
// touches no allocator; the process holds one token, the spare slots cost nothing.
#define CF_MAX_SECRETS 8
static struct {
    void *volatile region;
    volatile size_t size;
} cf_secrets[CF_MAX_SECRETS];

int CFortress_register_secret(void *region, size_t size) {
    for (int i = 0; i < CF_MAX_SECRETS; i++) {
        if (cf_secrets[i].region == NULL) {
            cf_secrets[i].size = size;
            __atomic_store_n(&cf_secrets[i].region, region, __ATOMIC_SEQ_CST);
            return 0;
        }
    }
    return -ENOSPC;
}

void CFortress_unregister_secret(void *region) {
    for (int i = 0; i < CF_MAX_SECRETS; i++) {
        if (cf_secrets[i].region == region) {
            __atomic_store_n(&cf_secrets[i].region, NULL, __ATOMIC_SEQ_CST);
        }
    }
}

void CFortress_wipe_registered(void) {
    for (int i = 0; i < CF_MAX_SECRETS; i++) {
        void *region = __atomic_load_n(&cf_secrets[i].region, __ATOMIC_SEQ_CST);
        if (region != NULL) {
            explicit_bzero(region, cf_secrets[i].size);
        }
    }
}

_Noreturn void CFortress_exit(int status) {
    CFortress_wipe_registered();
    _exit(status);
}

static void cf_crash_handler(int sig) {
    CFortress_wipe_registered();
    // SA_RESETHAND restored the default action: returning re-executes the faulting instruction
    // (or abort() raises again), and the process ends with the original signal.
    (void)sig;
}

int CFortress_install_crash_wipe(void) {
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cf_crash_handler;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], &sa, NULL) != 0) {
            return -errno;
        }
    }
    return 0;
}

// ---- Environment and process hardening ------------------------------------------------

int CFortress_scrub_env_block(char **envp, const char *name) {
    size_t name_len = strlen(name);
    int scrubbed = 0;
    // Walk the block ourselves: getenv() returns only the first match, and a hostile parent can
    // pass the same name twice. Each entry is zeroed in place (the initial block is what
    // /proc/PID/environ shows) and then removed from the array.
    for (char **entry = envp; entry != NULL && *entry != NULL;) {
        char *s = *entry;
        if (strncmp(s, name, name_len) == 0 && s[name_len] == '=') {
            explicit_bzero(s, strlen(s));
            char **shift = entry;
            do {
                shift[0] = shift[1];
                shift++;
            } while (shift[-1] != NULL);
            scrubbed++;
        } else {
            entry++;
        }
    }
    return scrubbed;
}

int CFortress_built_with_sanitizer(void) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    return 1;
#endif
#endif
    return 0;
}

int CFortress_close_inherited_descriptors(void) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    // The sanitizer's runtime may hold descriptors of its own (test builds only).
    return 0;
#endif
#endif
    // Everything above stderr was inherited: the client's other pipes, a file or a socket a
    // parent leaked. Nothing of ours is open yet (secret memory keeps no descriptor).
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) {
        return 0;
    }
    if (errno != ENOSYS) {
        return -errno;
    }
    // Kernels before 5.9: close what /proc lists.
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL) {
        return -errno;
    }
    int own = dirfd(dir);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        char *end = NULL;
        long fd = strtol(entry->d_name, &end, 10);
        if (end != entry->d_name && *end == '\0' && fd > 2 && fd != own) {
            close((int)fd);
        }
    }
    closedir(dir);
    return 0;
}

int CFortress_set_dumpable(int on) { return prctl(PR_SET_DUMPABLE, on ? 1 : 0, 0, 0, 0) == 0 ? 0 : -errno; }
int CFortress_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
int CFortress_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : -errno; }
int CFortress_get_no_new_privs(void) { return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); }
int CFortress_set_malloc_perturb(int byte) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    // The sanitizer owns the allocator (and refuses mallopt); it poisons freed memory itself.
    (void)byte;
    return 0;
#endif
#endif
    return mallopt(M_PERTURB, byte) == 1 ? 0 : -1;
}
int CFortress_seccomp_mode(void) { return prctl(PR_GET_SECCOMP, 0, 0, 0, 0); }

int CFortress_thread_count(void) {
    DIR *dir = opendir("/proc/self/task");
    if (dir == NULL) {
        return -errno;
    }
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] != '.') {
            count++;
        }
    }
    closedir(dir);
    return count;
}

// ---- Landlock ---------------------------------------------------------------------------

int CFortress_landlock_abi(void) {
    long abi = syscall(CF_SYS_landlock_create_ruleset, NULL, 0, CF_LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? -errno : (int)abi;
}

int CFortress_landlock_create(uint64_t fs_access, uint64_t net_access, uint64_t scoped) {
    struct cf_landlock_ruleset_attr attr = {
        .handled_access_fs = fs_access, .handled_access_net = net_access, .scoped = scoped};
    // Older ABIs reject a larger struct with unknown non-zero fields; pass only what is used.
    size_t size = scoped ? sizeof attr : (net_access ? 2 * sizeof(uint64_t) : sizeof(uint64_t));
    long fd = syscall(CF_SYS_landlock_create_ruleset, &attr, size, 0);
    return fd < 0 ? -errno : (int)fd;
}

int CFortress_landlock_allow_path(int ruleset, int parent_fd, uint64_t access) {
    struct cf_landlock_path_beneath_attr attr = {.allowed_access = access, .parent_fd = parent_fd};
    return syscall(CF_SYS_landlock_add_rule, ruleset, CF_LANDLOCK_RULE_PATH_BENEATH, &attr, 0) == 0 ? 0 : -errno;
}

int CFortress_landlock_allow_port(int ruleset, uint64_t port, uint64_t access) {
    struct cf_landlock_net_port_attr attr = {.allowed_access = access, .port = port};
    return syscall(CF_SYS_landlock_add_rule, ruleset, CF_LANDLOCK_RULE_NET_PORT, &attr, 0) == 0 ? 0 : -errno;
}

int CFortress_landlock_enforce(int ruleset) {
    return syscall(CF_SYS_landlock_restrict_self, ruleset, 0) == 0 ? 0 : -errno;
}

// ---- SIGSYS reporting ------------------------------------------------------------------

static const char *const *cf_syscall_names;
static size_t cf_syscall_name_count;

static void cf_write_all(const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0) {
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void cf_write_hex(unsigned long value) {
    char digits[18];
    int len = 0;
    do {
        digits[sizeof digits - 1 - len++] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value != 0);
    digits[sizeof digits - 1 - len++] = 'x';
    digits[sizeof digits - 1 - len++] = '0';
    cf_write_all(digits + sizeof digits - len, (size_t)len);
}

static void cf_sigsys_handler(int sig, siginfo_t *info, void *context) {
    (void)sig;
    int nr = info->si_syscall;
    const char *name = (nr >= 0 && (size_t)nr < cf_syscall_name_count) ? cf_syscall_names[nr] : NULL;
    static const char prefix[] = "coolify-mcp: sandbox refused syscall ";
    cf_write_all(prefix, sizeof prefix - 1);
    if (name != NULL) {
        cf_write_all(name, strlen(name));
    } else {
        char digits[16];
        int len = 0;
        unsigned value = (unsigned)nr;
        do {
            digits[sizeof digits - 1 - len++] = (char)('0' + value % 10);
            value /= 10;
        } while (value != 0 && len < 15);
        cf_write_all(digits + sizeof digits - len, (size_t)len);
    }
#if defined(__x86_64__)
    // The arguments, in hex, tell which value of a filtered argument was refused (the futex
    // operation, the mmap protection). They are numbers and addresses, never the bytes behind them.
    greg_t *regs = ((ucontext_t *)context)->uc_mcontext.gregs;
    const int argument_registers[6] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
    for (int i = 0; i < 6; i++) {
        cf_write_all(i == 0 ? " (" : ", ", 2);
        cf_write_hex((unsigned long)regs[argument_registers[i]]);
    }
    cf_write_all(")\n", 2);
    // The refused call returns EPERM to its caller, as it would without the report.
    regs[REG_RAX] = -EPERM;
#else
    cf_write_all("\n", 1);
    (void)context;
#endif
}

int CFortress_install_sigsys_reporter(const char *const *names, size_t count) {
    cf_syscall_names = names;
    cf_syscall_name_count = count;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = cf_sigsys_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGSYS, &sa, NULL) == 0 ? 0 : -errno;
}
