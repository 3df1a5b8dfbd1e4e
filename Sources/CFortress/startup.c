// The first code the binary runs: an initializer that takes the secrets out of the places other
// processes of the same user can read, before the Swift runtime starts and before argument parsing.
//
// Why here: /proc/PID/environ is readable by the same user until the process is not dumpable,
// and /proc/PID/cmdline stays readable by everyone for the life of the process. Every
// instruction between exec and the scrub widens the window a racing reader can use; the kernel's
// exec and the dynamic loader's mapping and relocation are all that is left before this function
// (see the registration at the end of the file).
//
// It acts only on what is present: a process without COOLIFY_ACCESS_TOKEN,
// COOLIFY_ACCESS_TOKEN_FILE, COOLIFY_HEADERS_FILE or a --header argument (the unit-test
// runners, the fuzzers, the sandbox probe, `coolify-mcp --version`) is left exactly as it was.
// It reports nothing: the outcome is recorded and Swift's TokenSource turns it into the same
// error lines, at the same point of startup, as before (so --help and --version need no token).
#include "CFortress.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

static struct CFortressStartup cf_startup;
// What the constructor itself did (kept apart from cf_startup, which tests reuse).
static int cf_constructor_state;

static const char cf_token_var[] = "COOLIFY_ACCESS_TOKEN";
static const char cf_token_file_var[] = "COOLIFY_ACCESS_TOKEN_FILE";
static const char cf_headers_file_var[] = "COOLIFY_HEADERS_FILE";
static const char cf_header_option[] = "--header";

// The value of the first `name=` entry of `envp`, or NULL.
static char *cf_env_value(char **envp, const char *name) {
    size_t length = strlen(name);
    for (char **entry = envp; entry != NULL && *entry != NULL; entry++) {
        if (strncmp(*entry, name, length) == 0 && (*entry)[length] == '=') {
            return *entry + length + 1;
        }
    }
    return NULL;
}

// `--header=VALUE` gives VALUE; `--header` gives the next argument; anything else NULL.
static char *cf_header_value(int argc, char **argv, int *index) {
    char *argument = argv[*index];
    size_t option_length = sizeof cf_header_option - 1;
    if (strncmp(argument, cf_header_option, option_length) != 0) {
        return NULL;
    }
    if (argument[option_length] == '=') {
        return argument + option_length + 1;
    }
    if (argument[option_length] == '\0' && *index + 1 < argc && argv[*index + 1] != NULL) {
        *index += 1;
        return argv[*index];
    }
    return NULL;
}

int CFortress_startup_secrets_present(int argc, char **argv, char **envp) {
    if (cf_env_value(envp, cf_token_var) != NULL || cf_env_value(envp, cf_token_file_var) != NULL
        || cf_env_value(envp, cf_headers_file_var) != NULL) {
        return 1;
    }
    for (int index = 1; index < argc && argv[index] != NULL; index++) {
        if (cf_header_value(argc, argv, &index) != NULL) {
            return 1;
        }
    }
    return 0;
}

// ---- Secret regions ---------------------------------------------------------------------

static int cf_region_open(struct CFortressSecretRegion *region) {
    int kind = 0, fd = -1;
    void *bytes = CFortress_secret_alloc(CFortressStartupCapacity, &kind, &fd);
    if (bytes == NULL) {
        return -errno;
    }
    (void)CFortress_register_secret(bytes, CFortressStartupCapacity);
    region->bytes = bytes;
    region->fd = fd;
    region->kind = kind;
    region->length = 0;
    return 0;
}

static void cf_region_close(struct CFortressSecretRegion *region) {
    if (region->bytes != NULL) {
        CFortress_unregister_secret(region->bytes);
        CFortress_secret_free(region->bytes, CFortressStartupCapacity, region->fd);
    }
    memset(region, 0, sizeof *region);
    region->fd = -1;
}

// Opens a secret file and checks it on the open descriptor (no race with a rename): a regular
// file, not readable by group or others, owned by us or root. Returns the fd or -1 with
// `failure` set.
static int cf_open_checked(const char *path, struct CFortressSourceFailure *failure) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        failure->status = CFortressSourceUnreadable;
        failure->error = errno;
        return -1;
    }
    struct stat info;
    if (fstat(fd, &info) != 0) {
        failure->status = CFortressSourceUnreadable;
        failure->error = errno;
    } else if (!S_ISREG(info.st_mode)) {
        failure->status = CFortressSourceNotRegular;
    } else if ((info.st_mode & 077) != 0) {
        failure->status = CFortressSourcePermissions;
        failure->mode = (uint32_t)info.st_mode;
    } else if (info.st_uid != getuid() && info.st_uid != 0) {
        failure->status = CFortressSourceOwner;
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

// Reads all of `fd` into `out` (at most `capacity` bytes). Returns the length, -1 with errno on
// a read error, or `capacity` when the file does not fit.
static ssize_t cf_read_all(int fd, char *out, size_t capacity) {
    size_t length = 0;
    while (length < capacity) {
        ssize_t n = read(fd, out + length, capacity - length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (n == 0) {
            break;
        }
        length += (size_t)n;
    }
    return (ssize_t)length;
}

// ---- The token --------------------------------------------------------------------------

static void cf_capture_token(char **envp) {
    struct CFortressTokenCapture *token = &cf_startup.token;
    char *path = cf_env_value(envp, cf_token_file_var);
    char *value = cf_env_value(envp, cf_token_var);
    if (path != NULL && path[0] != '\0') {
        token->source = CFortressTokenFromFile;
        token->path = path;
    } else if (value != NULL) {
        token->source = CFortressTokenFromVariable;
    } else {
        token->source = CFortressTokenAbsent;
        return;
    }
    int opened = cf_region_open(&token->region);
    if (opened != 0) {
        token->failure.status = CFortressSourceNoSecretMemory;
        token->failure.error = -opened;
        return;
    }
    char *out = token->region.bytes;
    if (token->source == CFortressTokenFromVariable) {
        size_t length = strlen(value);
        if (length >= CFortressStartupCapacity) {
            token->failure.status = CFortressSourceTooLong;
            return;
        }
        memcpy(out, value, length);
        token->region.length = length;
    } else {
        int fd = cf_open_checked(path, &token->failure);
        if (fd < 0) {
            return;
        }
        ssize_t length = cf_read_all(fd, out, CFortressStartupCapacity);
        int saved = errno;
        close(fd);
        if (length < 0) {
            token->failure.status = CFortressSourceUnreadable;
            token->failure.error = saved;
            return;
        }
        if ((size_t)length >= CFortressStartupCapacity) {
            token->failure.status = CFortressSourceTooLong;
            return;
        }
        if (length > 0 && out[length - 1] == '\n') {
            length -= 1;
            out[length] = '\0';
        }
        token->region.length = (size_t)length;
    }
    if (token->region.length == 0) {
        token->failure.status = CFortressSourceEmpty;
    }
}

// ---- Header lines -------------------------------------------------------------------------

// Appends one record (tag, 16-bit little-endian length, bytes) to the headers region.
static int cf_append_record(char tag, const char *bytes, size_t length) {
    struct CFortressSecretRegion *region = &cf_startup.headers.region;
    if (length > 0xFFFF || region->length + 3 + length > CFortressStartupCapacity) {
        return -1;
    }
    char *out = (char *)region->bytes + region->length;
    out[0] = tag;
    out[1] = (char)(length & 0xFF);
    out[2] = (char)(length >> 8);
    memcpy(out + 3, bytes, length);
    region->length += 3 + length;
    return 0;
}

// Copies every --header value into secret memory and zeroes it in argv. The name before the
// colon stays (it is not secret, and keeps the argument non-empty for the fast parser); an
// argument without a colon is zeroed whole, since it may be nothing but a pasted secret.
static void cf_capture_header_arguments(int argc, char **argv) {
    struct CFortressHeadersCapture *headers = &cf_startup.headers;
    for (int index = 1; index < argc && argv[index] != NULL; index++) {
        char *value = cf_header_value(argc, argv, &index);
        if (value == NULL) {
            continue;
        }
        size_t length = strlen(value);
        if (headers->failure.status == CFortressSourceOK && cf_append_record(CFortressHeaderFromArgument, value, length) != 0) {
            headers->failure.status = CFortressSourceTooLong;
        }
        char *colon = memchr(value, ':', length);
        char *secret = colon != NULL ? colon + 1 : value;
        CFortress_wipe(secret, strlen(secret));
    }
}

static void cf_capture_headers_file(char **envp) {
    struct CFortressHeadersCapture *headers = &cf_startup.headers;
    char *path = cf_env_value(envp, cf_headers_file_var);
    if (path == NULL || path[0] == '\0' || headers->failure.status != CFortressSourceOK) {
        return;
    }
    headers->path = path;
    int fd = cf_open_checked(path, &headers->failure);
    if (fd < 0) {
        return;
    }
    struct CFortressSecretRegion *region = &headers->region;
    size_t room = CFortressStartupCapacity - region->length;
    if (room <= 3) {
        headers->failure.status = CFortressSourceTooLong;
        close(fd);
        return;
    }
    // Read straight behind a record header whose length is filled in afterwards.
    char *record = (char *)region->bytes + region->length;
    ssize_t length = cf_read_all(fd, record + 3, room - 3);
    int saved = errno;
    close(fd);
    if (length < 0) {
        headers->failure.status = CFortressSourceUnreadable;
        headers->failure.error = saved;
        CFortress_wipe(record, room);
        return;
    }
    if ((size_t)length >= room - 3) {
        headers->failure.status = CFortressSourceTooLong;
        CFortress_wipe(record, room);
        return;
    }
    record[0] = CFortressHeaderFromFile;
    record[1] = (char)(length & 0xFF);
    record[2] = (char)((size_t)length >> 8);
    region->length += 3 + (size_t)length;
}

// ---- The capture --------------------------------------------------------------------------

void CFortress_startup_capture(int argc, char **argv, char **envp) {
    CFortress_startup_reset();
    cf_startup.ran = 1;
    // Argument values first: nothing but zeroing hides /proc/PID/cmdline.
    int has_headers = 0;
    for (int index = 1; index < argc && argv[index] != NULL; index++) {
        if (cf_header_value(argc, argv, &index) != NULL) {
            has_headers = 1;
        }
    }
    char *headers_path = cf_env_value(envp, cf_headers_file_var);
    if (has_headers || (headers_path != NULL && headers_path[0] != '\0')) {
        int opened = cf_region_open(&cf_startup.headers.region);
        if (opened != 0) {
            cf_startup.headers.failure.status = CFortressSourceNoSecretMemory;
            cf_startup.headers.failure.error = -opened;
            // Still zero the arguments: losing the header is better than leaving it readable.
            for (int index = 1; index < argc && argv[index] != NULL; index++) {
                char *value = cf_header_value(argc, argv, &index);
                if (value != NULL) {
                    CFortress_wipe(value, strlen(value));
                }
            }
        } else {
            cf_capture_header_arguments(argc, argv);
        }
    }
    cf_capture_token(envp);
    (void)CFortress_scrub_env_block(envp, cf_token_var);
    cf_capture_headers_file(envp);
}

const struct CFortressStartup *CFortress_startup_result(void) { return &cf_startup; }

void CFortress_startup_take_token(int keep) {
    if (keep) {
        memset(&cf_startup.token.region, 0, sizeof cf_startup.token.region);
        cf_startup.token.region.fd = -1;
    } else {
        cf_region_close(&cf_startup.token.region);
    }
}

void CFortress_startup_take_headers(int keep) {
    if (keep) {
        memset(&cf_startup.headers.region, 0, sizeof cf_startup.headers.region);
        cf_startup.headers.region.fd = -1;
    } else {
        cf_region_close(&cf_startup.headers.region);
    }
}

void CFortress_startup_reset(void) {
    cf_region_close(&cf_startup.token.region);
    cf_region_close(&cf_startup.headers.region);
    memset(&cf_startup, 0, sizeof cf_startup);
    cf_startup.token.region.fd = -1;
    cf_startup.headers.region.fd = -1;
}

// Registered in the executable's .preinit_array, which the dynamic loader runs before the
// initializers of every shared library (the Swift runtime's, libstdc++'s, libdispatch's in a
// debug build) and before the executable's own constructors: nothing of ours runs earlier. glibc
// passes (argc, argv, envp); argv and envp are the initial blocks /proc/PID/cmdline and
// /proc/PID/environ show. It needs only system calls and string functions, which the loader has
// resolved by then. Under a sanitizer, whose runtime must start first, it is an ordinary
// constructor of the highest priority instead.
static void cf_startup_constructor(int argc, char **argv, char **envp) {
    cf_constructor_state = CFortressConstructorLeftAlone;
    if (!CFortress_startup_secrets_present(argc, argv, envp)) {
        return;
    }
    // Not dumpable first: /proc/PID/environ and /proc/PID/mem become root's at once.
    (void)CFortress_set_dumpable(0);
    CFortress_startup_capture(argc, argv, envp);
    cf_startup.made_undumpable = 1;
    cf_constructor_state = CFortressConstructorActed;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CF_STARTUP_AS_CONSTRUCTOR 1
#endif
#endif

#ifdef CF_STARTUP_AS_CONSTRUCTOR
__attribute__((constructor(101))) static void cf_startup_sanitized(int argc, char **argv, char **envp) {
    cf_startup_constructor(argc, argv, envp);
}
#else
__attribute__((section(".preinit_array"), used)) static void (*const cf_startup_entry)(int, char **, char **) =
    cf_startup_constructor;
#endif

int CFortress_startup_constructor_state(void) { return cf_constructor_state; }
