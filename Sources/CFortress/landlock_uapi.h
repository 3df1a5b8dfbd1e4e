// Landlock user-space ABI: the constants and structures this project uses, kept here because
// Debian 12's linux-libc-dev (6.1) lacks the network rules (ABI 4, Linux 6.7), the IOCTL_DEV
// right (ABI 5, Linux 6.10) and scoping (ABI 6, Linux 6.12). Names are prefixed CF_ so they can
// never clash with a newer system header. Values are from include/uapi/linux/landlock.h.
#ifndef CFORTRESS_LANDLOCK_UAPI_H
#define CFORTRESS_LANDLOCK_UAPI_H

#include <stdint.h>

#define CF_SYS_landlock_create_ruleset 444  // Linux 5.13
#define CF_SYS_landlock_add_rule 445        // Linux 5.13
#define CF_SYS_landlock_restrict_self 446   // Linux 5.13
#define CF_SYS_memfd_secret 447             // Linux 5.14

#define CF_LANDLOCK_CREATE_RULESET_VERSION (1U << 0)  // Linux 5.13

struct cf_landlock_ruleset_attr {
    uint64_t handled_access_fs;   // ABI 1
    uint64_t handled_access_net;  // ABI 4, Linux 6.7
    uint64_t scoped;              // ABI 6, Linux 6.12
};

#define CF_LANDLOCK_RULE_PATH_BENEATH 1  // ABI 1
#define CF_LANDLOCK_RULE_NET_PORT 2      // ABI 4

struct cf_landlock_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

struct cf_landlock_net_port_attr {
    uint64_t allowed_access;
    uint64_t port;
};

// Filesystem rights. ABI 1 (Linux 5.13): bits 0-12.
#define CF_LANDLOCK_ACCESS_FS_EXECUTE (1ULL << 0)
#define CF_LANDLOCK_ACCESS_FS_WRITE_FILE (1ULL << 1)
#define CF_LANDLOCK_ACCESS_FS_READ_FILE (1ULL << 2)
#define CF_LANDLOCK_ACCESS_FS_READ_DIR (1ULL << 3)
#define CF_LANDLOCK_ACCESS_FS_REMOVE_DIR (1ULL << 4)
#define CF_LANDLOCK_ACCESS_FS_REMOVE_FILE (1ULL << 5)
#define CF_LANDLOCK_ACCESS_FS_MAKE_CHAR (1ULL << 6)
#define CF_LANDLOCK_ACCESS_FS_MAKE_DIR (1ULL << 7)
#define CF_LANDLOCK_ACCESS_FS_MAKE_REG (1ULL << 8)
#define CF_LANDLOCK_ACCESS_FS_MAKE_SOCK (1ULL << 9)
#define CF_LANDLOCK_ACCESS_FS_MAKE_FIFO (1ULL << 10)
#define CF_LANDLOCK_ACCESS_FS_MAKE_BLOCK (1ULL << 11)
#define CF_LANDLOCK_ACCESS_FS_MAKE_SYM (1ULL << 12)
#define CF_LANDLOCK_ACCESS_FS_REFER (1ULL << 13)      // ABI 2, Linux 5.19
#define CF_LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)   // ABI 3, Linux 6.2
#define CF_LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)  // ABI 5, Linux 6.10

// Network rights. ABI 4 (Linux 6.7).
#define CF_LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0)
#define CF_LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)

// Scopes. ABI 6 (Linux 6.12).
#define CF_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define CF_LANDLOCK_SCOPE_SIGNAL (1ULL << 1)

#endif
