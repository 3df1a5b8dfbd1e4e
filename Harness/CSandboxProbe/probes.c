#include "CSandboxProbe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#define RESULT(expr) ((expr) < 0 ? errno : 0)

static int p_open_write(int pp, int ap, int op) { return RESULT(open("/tmp/coolify-probe-w", O_WRONLY | O_CREAT, 0600)); }
static int p_open_rdwr(int pp, int ap, int op) { return RESULT(open("/etc/hostname", O_RDWR)); }
static int p_create(int pp, int ap, int op) { return RESULT(open("/tmp/coolify-probe-c", O_RDONLY | O_CREAT, 0600)); }
static int p_open_trunc(int pp, int ap, int op) { return RESULT(open("/tmp/coolify-probe-t", O_RDONLY | O_TRUNC)); }
static int p_open_path(int pp, int ap, int op) { return RESULT(open("/etc", O_PATH)); }
static int p_tmpfile(int pp, int ap, int op) { return RESULT(open("/tmp", O_TMPFILE | O_RDWR, 0600)); }
static int p_read_passwd(int pp, int ap, int op) { return RESULT(open("/etc/passwd", O_RDONLY)); }
static int p_read_other(int pp, int ap, int op) { return RESULT(open("/bin/sh", O_RDONLY)); }
static int p_unlink(int pp, int ap, int op) { return RESULT(unlink("/tmp/coolify-probe-none")); }
static int p_rename(int pp, int ap, int op) { return RESULT(rename("/tmp/coolify-probe-a", "/tmp/coolify-probe-b")); }
static int p_mkdir(int pp, int ap, int op) { return RESULT(mkdir("/tmp/coolify-probe-d", 0700)); }
static int p_chmod(int pp, int ap, int op) { return RESULT(chmod("/tmp/coolify-probe-none", 0777)); }
static int p_truncate(int pp, int ap, int op) { return RESULT(truncate("/tmp/coolify-probe-none", 0)); }
static int p_symlink(int pp, int ap, int op) { return RESULT(symlink("/etc/passwd", "/tmp/coolify-probe-s")); }
static int p_mknod(int pp, int ap, int op) { return RESULT(mknod("/tmp/coolify-probe-n", S_IFIFO | 0600, 0)); }
static int p_execve(int pp, int ap, int op) {
    char *argv[] = {"/bin/true", NULL};
    return RESULT(execve("/bin/true", argv, NULL));
}
static int p_fork_libc(int pp, int ap, int op) {
    pid_t child = fork();
    if (child == 0) _exit(0);
    return child < 0 ? errno : 0;
}
static int p_fork_syscall(int pp, int ap, int op) {
    long child = syscall(SYS_fork);
    if (child == 0) _exit(0);
    return child < 0 ? errno : 0;
}
static int p_vfork(int pp, int ap, int op) {
    long child = syscall(SYS_vfork);
    if (child == 0) _exit(0);
    return child < 0 ? errno : 0;
}
static int p_clone_process(int pp, int ap, int op) {
    long child = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (child == 0) _exit(0);
    return child < 0 ? errno : 0;
}
static int p_clone3(int pp, int ap, int op) { return RESULT(syscall(SYS_clone3, NULL, 0)); }
static void *p_thread_body(void *arg) { return arg; }
static int p_thread(int pp, int ap, int op) {
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, p_thread_body, NULL);
    if (rc == 0) pthread_join(thread, NULL);
    return rc;
}
static int p_ptrace(int pp, int ap, int op) { return RESULT(ptrace(PTRACE_ATTACH, pp, 0, 0)); }
static int p_vm_readv(int pp, int ap, int op) {
    char buffer[8];
    struct iovec local = {buffer, sizeof buffer}, remote = {(void *)0x1000, sizeof buffer};
    return RESULT(process_vm_readv(pp, &local, 1, &remote, 1, 0));
}
static int p_parent_environ(int pp, int ap, int op) {
    char path[64], buffer[64];
    snprintf(path, sizeof path, "/proc/%d/environ", pp);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return errno;
    return RESULT(read(fd, buffer, sizeof buffer));
}
static int p_parent_mem(int pp, int ap, int op) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", pp);
    return RESULT(open(path, O_RDONLY));
}
static int p_socket_packet(int pp, int ap, int op) { return RESULT(socket(AF_PACKET, SOCK_RAW, 0)); }
static int p_socket_netlink(int pp, int ap, int op) { return RESULT(socket(AF_NETLINK, SOCK_RAW, 0)); }
static int p_socket_unix(int pp, int ap, int op) { return RESULT(socket(AF_UNIX, SOCK_STREAM, 0)); }
static int p_socket_raw(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)); }
static int p_socket_raw6(int pp, int ap, int op) { return RESULT(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)); }
static int tcp_socket(void) { return socket(AF_INET, SOCK_STREAM, 0); }
static struct sockaddr_in loopback(int port) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}
static int p_bind(int pp, int ap, int op) {
    int fd = tcp_socket();
    if (fd < 0) return errno;
    struct sockaddr_in address = loopback(0);
    return RESULT(bind(fd, (struct sockaddr *)&address, sizeof address));
}
static int p_listen(int pp, int ap, int op) {
    int fd = tcp_socket();
    if (fd < 0) return errno;
    return RESULT(listen(fd, 1));
}
static int p_accept(int pp, int ap, int op) {
    int fd = tcp_socket();
    if (fd < 0) return errno;
    return RESULT(accept(fd, NULL, NULL));
}
static int p_connect_other(int pp, int ap, int op) {
    int fd = tcp_socket();
    if (fd < 0) return errno;
    struct sockaddr_in address = loopback(op);
    return RESULT(connect(fd, (struct sockaddr *)&address, sizeof address));
}
static int p_connect_allowed(int pp, int ap, int op) {
    int fd = tcp_socket();
    if (fd < 0) return errno;
    struct sockaddr_in address = loopback(ap);
    int rc = connect(fd, (struct sockaddr *)&address, sizeof address);
    // Allowed means the sandbox let it through: success or an answer from the network.
    return rc == 0 || errno == ECONNREFUSED ? 0 : errno;
}
static int p_mount(int pp, int ap, int op) { return RESULT(mount("none", "/tmp", "tmpfs", 0, NULL)); }
static int p_umount(int pp, int ap, int op) { return RESULT(umount2("/tmp", 0)); }
static int p_unshare(int pp, int ap, int op) { return RESULT(unshare(CLONE_NEWUSER)); }
static int p_setns(int pp, int ap, int op) { return RESULT(setns(-1, 0)); }
static int p_chroot(int pp, int ap, int op) { return RESULT(chroot("/tmp")); }
static int p_pivot_root(int pp, int ap, int op) { return RESULT(syscall(SYS_pivot_root, "/tmp", "/tmp")); }
static int p_bpf(int pp, int ap, int op) { return RESULT(syscall(SYS_bpf, BPF_PROG_LOAD, NULL, 0)); }
static int p_kill_parent(int pp, int ap, int op) { return RESULT(kill(pp, 0)); }
static int p_tgkill(int pp, int ap, int op) { return RESULT(syscall(SYS_tgkill, pp, pp, 0)); }
static int p_keyctl(int pp, int ap, int op) { return RESULT(syscall(SYS_keyctl, 0, 0, 0, 0, 0)); }
static int p_add_key(int pp, int ap, int op) { return RESULT(syscall(SYS_add_key, "user", "probe", "x", 1, -2)); }
static int p_memfd_exec(int pp, int ap, int op) {
    int fd = (int)syscall(SYS_memfd_create, "probe", 0);
    if (fd < 0) return errno;
    char *argv[] = {"probe", NULL};
    return RESULT(syscall(SYS_execveat, fd, "", argv, NULL, AT_EMPTY_PATH));
}
static int p_setuid(int pp, int ap, int op) { return RESULT(syscall(SYS_setuid, 0)); }
static int p_io_uring(int pp, int ap, int op) { return RESULT(syscall(SYS_io_uring_setup, 1, NULL)); }
static int p_userfaultfd(int pp, int ap, int op) { return RESULT(syscall(SYS_userfaultfd, 0)); }
static int p_perf_event(int pp, int ap, int op) { return RESULT(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0)); }
static int p_init_module(int pp, int ap, int op) { return RESULT(syscall(SYS_init_module, NULL, 0, "")); }
static int p_kexec(int pp, int ap, int op) { return RESULT(syscall(SYS_kexec_load, 0, 0, NULL, 0)); }
static int p_personality(int pp, int ap, int op) { return RESULT(syscall(SYS_personality, 0x0400000 /* READ_IMPLIES_EXEC */)); }
static int p_mmap_wx(int pp, int ap, int op) {
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? errno : 0;
}
static int p_mprotect_wx(int pp, int ap, int op) {
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return errno;
    return RESULT(mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC));
}
static int p_dumpable(int pp, int ap, int op) { return RESULT(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)); }
static int p_tiocsti(int pp, int ap, int op) {
    char c = 'x';
    return RESULT(ioctl(0, TIOCSTI, &c));
}
static int p_setrlimit(int pp, int ap, int op) {
    struct rlimit limit = {RLIM_INFINITY, RLIM_INFINITY};
    return RESULT(setrlimit(RLIMIT_CORE, &limit));
}
static int p_x32(int pp, int ap, int op) { return RESULT(syscall(0x40000000 | SYS_getpid)); }
static int p_stdout(int pp, int ap, int op) { return RESULT(write(1, "", 0)); }
static int p_read_resolv(int pp, int ap, int op) {
    int fd = open("/etc/resolv.conf", O_RDONLY);
    if (fd < 0 && errno == ENOENT) return 0;  // absent on this system: nothing was refused
    return fd < 0 ? errno : 0;
}
static int p_getrandom(int pp, int ap, int op) {
    char buffer[16];
    return RESULT(syscall(SYS_getrandom, buffer, sizeof buffer, 0));
}

// ---- Item 1: socket protocols ----------------------------------------------------------
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
static int p_socket_mptcp(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)); }
static int p_socket_mptcp6(int pp, int ap, int op) { return RESULT(socket(AF_INET6, SOCK_STREAM, IPPROTO_MPTCP)); }
static int p_mptcp_connect_other(int pp, int ap, int op) {
    // The attack the protocol check closes: Landlock's TCP port rules do not cover MPTCP.
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);
    if (fd < 0) return errno;
    struct sockaddr_in address = loopback(op);
    int rc = connect(fd, (struct sockaddr *)&address, sizeof address);
    return rc == 0 || errno == ECONNREFUSED ? 0 : errno;
}
static int p_socket_sctp_stream(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)); }
static int p_socket_sctp_seqpacket(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP)); }
static int p_socket_stream_udp(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)); }
static int p_socket_ping(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)); }
static int p_socket_ping6(int pp, int ap, int op) { return RESULT(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)); }
static int p_socket_udplite(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE)); }
static int p_socket_raw_number(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_DGRAM, 255 /* IPPROTO_RAW */)); }
static int p_socket_tcp(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP)); }
static int p_socket_tcp6(int pp, int ap, int op) { return RESULT(socket(AF_INET6, SOCK_STREAM, 0)); }
static int p_socket_udp(int pp, int ap, int op) { return RESULT(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP)); }
static int p_socket_udp6(int pp, int ap, int op) { return RESULT(socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0)); }

// ---- Item 2: no executable mapping after lockdown ---------------------------------------
static int p_write_then_execute(int pp, int ap, int op) {
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return errno;
    page[0] = 0xC3;  // x86-64 `ret`
    if (mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) return errno;
#if defined(__x86_64__)
    ((void (*)(void))page)();  // injected code ran
#endif
    return 0;
}
static int p_mmap_exec_anonymous(int pp, int ap, int op) {
    void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? errno : 0;
}
static int p_mmap_exec_only(int pp, int ap, int op) {
    void *p = mmap(NULL, 4096, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? errno : 0;
}
static int p_mmap_exec_file(int pp, int ap, int op) {
    // A file the sandbox lets us read, mapped executable: a way to run bytes we could place.
    int fd = open("/etc/resolv.conf", O_RDONLY | O_CLOEXEC);
    if (fd < 0) fd = open("/etc/hosts", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    return p == MAP_FAILED ? errno : 0;
}
static int p_pkey_mprotect_exec(int pp, int ap, int op) {
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return errno;
    return RESULT(syscall(SYS_pkey_mprotect, p, 4096, PROT_READ | PROT_EXEC, -1));
}
static int p_mprotect_stack_exec(int pp, int ap, int op) {
    char on_stack[16];
    uintptr_t page = (uintptr_t)on_stack & ~(uintptr_t)4095;
    on_stack[0] = 0;
    return RESULT(mprotect((void *)page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC));
}
static int p_mmap_readwrite(int pp, int ap, int op) {
    void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return errno;
    // Guard pages as glibc makes them for thread stacks.
    return RESULT(mprotect(p, 4096, PROT_NONE));
}

// ---- Item 3: other processes --------------------------------------------------------------
static pid_t other_process = -1;
void probe_set_other_process(int pid) { other_process = pid; }
static int p_renice_other(int pp, int ap, int op) { return RESULT(setpriority(PRIO_PROCESS, (id_t)other_process, 19)); }
static int p_renice_other_group(int pp, int ap, int op) { return RESULT(setpriority(PRIO_PGRP, (id_t)other_process, 19)); }
static int p_renice_user(int pp, int ap, int op) {
    // A uid that owns no process: allowed, the call would answer ESRCH and change nothing.
    return RESULT(setpriority(PRIO_USER, 4242424, 19));
}
static int p_renice_self(int pp, int ap, int op) { return RESULT(setpriority(PRIO_PROCESS, 0, 19)); }
static int p_prlimit_other(int pp, int ap, int op) {
    struct rlimit old;
    return RESULT(syscall(SYS_prlimit64, other_process, RLIMIT_NOFILE, NULL, &old));
}
static int p_prlimit_self(int pp, int ap, int op) {
    struct rlimit old;
    return RESULT(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &old));
}
static int p_prlimit_own_pid(int pp, int ap, int op) {
    struct rlimit old;
    return RESULT(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &old));
}
static int p_getaffinity_other(int pp, int ap, int op) {
    cpu_set_t set;
    return RESULT(syscall(SYS_sched_getaffinity, other_process, sizeof set, &set));
}
static int p_getaffinity_self(int pp, int ap, int op) {
    cpu_set_t set;
    return RESULT(syscall(SYS_sched_getaffinity, 0, sizeof set, &set));
}
static int p_getaffinity_own_pid(int pp, int ap, int op) {
    cpu_set_t set;
    return RESULT(syscall(SYS_sched_getaffinity, getpid(), sizeof set, &set));
}

// ---- Item 6: roots of trust ---------------------------------------------------------------
static int p_read_ssl_private(int pp, int ap, int op) {
    // scripts/sandbox-proof creates this file first (as root), and removes it afterwards.
    return RESULT(open("/etc/ssl/private/coolify-mcp-probe.key", O_RDONLY | O_CLOEXEC));
}
static int p_list_ssl_private(int pp, int ap, int op) { return RESULT(open("/etc/ssl/private", O_RDONLY | O_DIRECTORY | O_CLOEXEC)); }
static int p_read_openssl_cnf(int pp, int ap, int op) { return RESULT(open("/etc/ssl/openssl.cnf", O_RDONLY | O_CLOEXEC)); }
static int p_list_ssl_certs(int pp, int ap, int op) { return RESULT(open("/etc/ssl/certs", O_RDONLY | O_DIRECTORY | O_CLOEXEC)); }
static int p_read_trust_store(int pp, int ap, int op) {
    // The first bundle of NIOSSL's list that exists here (scripts/sandbox-proof skips the probe if none does).
    int fd = open("/etc/ssl/certs/ca-certificates.crt", O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) fd = open("/etc/pki/tls/certs/ca-bundle.crt", O_RDONLY | O_CLOEXEC);
    return fd < 0 ? errno : 0;
}

static const struct probe_entry probes[] = {
    {"open for write", "EPERM", p_open_write},
    {"open read-write", "EPERM", p_open_rdwr},
    {"create a file", "EPERM", p_create},
    {"open with O_TRUNC", "EPERM", p_open_trunc},
    {"open with O_PATH", "EPERM", p_open_path},
    {"open with O_TMPFILE", "EPERM", p_tmpfile},
    {"read /etc/passwd", "EACCES", p_read_passwd},
    {"read /bin/sh", "EACCES", p_read_other},
    {"unlink", "EPERM", p_unlink},
    {"rename", "EPERM", p_rename},
    {"mkdir", "EPERM", p_mkdir},
    {"chmod", "EPERM", p_chmod},
    {"truncate", "EPERM", p_truncate},
    {"symlink", "EPERM", p_symlink},
    {"mknod", "EPERM", p_mknod},
    {"execve /bin/true", "SIGSYS", p_execve},
    {"fork (libc)", "EPERM", p_fork_libc},
    {"fork (syscall)", "SIGSYS", p_fork_syscall},
    {"vfork", "SIGSYS", p_vfork},
    {"clone without CLONE_THREAD", "EPERM", p_clone_process},
    {"clone3", "ENOSYS", p_clone3},
    {"ptrace attach to parent", "SIGSYS", p_ptrace},
    {"process_vm_readv of parent", "SIGSYS", p_vm_readv},
    {"read parent's /proc environ", "EACCES", p_parent_environ},
    {"open parent's /proc mem", "EACCES", p_parent_mem},
    {"socket(AF_PACKET)", "EPERM", p_socket_packet},
    {"socket(AF_NETLINK)", "EPERM", p_socket_netlink},
    {"socket(AF_UNIX)", "EACCES", p_socket_unix},
    {"socket(AF_INET, SOCK_RAW)", "EPERM", p_socket_raw},
    {"socket(AF_INET6, SOCK_RAW)", "EPERM", p_socket_raw6},
    {"bind", "EPERM", p_bind},
    {"listen", "EPERM", p_listen},
    {"accept", "EPERM", p_accept},
    {"connect to another loopback port", "EACCES", p_connect_other},
    {"mount", "SIGSYS", p_mount},
    {"umount2", "SIGSYS", p_umount},
    {"unshare(CLONE_NEWUSER)", "SIGSYS", p_unshare},
    {"setns", "SIGSYS", p_setns},
    {"chroot", "SIGSYS", p_chroot},
    {"pivot_root", "SIGSYS", p_pivot_root},
    {"bpf", "SIGSYS", p_bpf},
    {"kill the parent", "SIGSYS", p_kill_parent},
    {"tgkill the parent", "SIGSYS", p_tgkill},
    {"keyctl", "SIGSYS", p_keyctl},
    {"add_key", "SIGSYS", p_add_key},
    {"memfd_create then execveat", "SIGSYS", p_memfd_exec},
    {"setuid(0)", "SIGSYS", p_setuid},
    {"io_uring_setup", "SIGSYS", p_io_uring},
    {"userfaultfd", "SIGSYS", p_userfaultfd},
    {"perf_event_open", "SIGSYS", p_perf_event},
    {"init_module", "SIGSYS", p_init_module},
    {"kexec_load", "SIGSYS", p_kexec},
    {"personality(READ_IMPLIES_EXEC)", "SIGSYS", p_personality},
    {"mmap writable and executable", "EPERM", p_mmap_wx},
    {"mprotect to writable and executable", "EPERM", p_mprotect_wx},
    {"prctl(PR_SET_DUMPABLE, 1)", "EPERM", p_dumpable},
    {"ioctl(TIOCSTI) keystroke injection", "EPERM", p_tiocsti},
    {"setrlimit(RLIMIT_CORE)", "EPERM", p_setrlimit},
    {"x32 ABI syscall", "SIGSYS", p_x32},
    {"socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)", "EPERM", p_socket_mptcp},
    {"socket(AF_INET6, SOCK_STREAM, IPPROTO_MPTCP)", "EPERM", p_socket_mptcp6},
    {"MPTCP connect to another loopback port", "EPERM", p_mptcp_connect_other},
    {"socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)", "EPERM", p_socket_sctp_stream},
    {"socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP)", "EPERM", p_socket_sctp_seqpacket},
    {"socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)", "EPERM", p_socket_stream_udp},
    {"socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) (ping)", "EPERM", p_socket_ping},
    {"socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6) (ping)", "EPERM", p_socket_ping6},
    {"socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE)", "EPERM", p_socket_udplite},
    {"socket(AF_INET, SOCK_DGRAM, IPPROTO_RAW)", "EPERM", p_socket_raw_number},
    {"write, mprotect to read-execute, call", "EPERM", p_write_then_execute},
    {"mmap executable anonymous memory", "EPERM", p_mmap_exec_anonymous},
    {"mmap execute-only anonymous memory", "EPERM", p_mmap_exec_only},
    {"mmap a readable file executable", "EPERM", p_mmap_exec_file},
    {"pkey_mprotect to read-execute", "EPERM", p_pkey_mprotect_exec},
    {"mprotect the stack executable", "EPERM", p_mprotect_stack_exec},
    {"renice another process", "EPERM", p_renice_other},
    {"renice another process group", "EPERM", p_renice_other_group},
    {"renice a user's processes (PRIO_USER)", "EPERM", p_renice_user},
    {"prlimit64 of another process", "EPERM", p_prlimit_other},
    {"sched_getaffinity of another process", "EPERM", p_getaffinity_other},
    {"read a key in /etc/ssl/private", "EACCES", p_read_ssl_private},
    {"list /etc/ssl/private", "EACCES", p_list_ssl_private},
    {"read /etc/ssl/openssl.cnf", "EACCES", p_read_openssl_cnf},
    {"list /etc/ssl/certs", "EACCES", p_list_ssl_certs},
    {"write to stdout", "allowed", p_stdout},
    {"read /etc/resolv.conf (DNS)", "allowed", p_read_resolv},
    {"create a thread", "allowed", p_thread},
    {"getrandom", "allowed", p_getrandom},
    {"connect to the Coolify port", "allowed", p_connect_allowed},
    {"socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)", "allowed", p_socket_tcp},
    {"socket(AF_INET6, SOCK_STREAM, 0)", "allowed", p_socket_tcp6},
    {"socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", "allowed", p_socket_udp},
    {"socket(AF_INET6, SOCK_DGRAM, 0)", "allowed", p_socket_udp6},
    {"mmap read-write, guard page", "allowed", p_mmap_readwrite},
    {"renice itself (setpriority 0)", "allowed", p_renice_self},
    {"prlimit64 of itself (pid 0)", "allowed", p_prlimit_self},
    {"prlimit64 of itself (own pid)", "allowed", p_prlimit_own_pid},
    {"sched_getaffinity of itself (pid 0)", "allowed", p_getaffinity_self},
    {"sched_getaffinity of itself (own pid)", "allowed", p_getaffinity_own_pid},
    {"read the trust store", "allowed", p_read_trust_store},
    {NULL, NULL, NULL},
};

const struct probe_entry *probe_table(void) { return probes; }
