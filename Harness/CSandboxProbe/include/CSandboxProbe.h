// Forbidden actions for the sandbox proof (test-only). Each returns 0 if the action succeeded,
// otherwise the errno it failed with. Arguments are harmless where possible, so an action the
// filter wrongly allowed shows up as EBADF/EFAULT/ENOENT rather than as a side effect.
#ifndef CSANDBOXPROBE_H
#define CSANDBOXPROBE_H

typedef int (*probe_fn)(int parent_pid, int allowed_port, int other_port);

struct probe_entry {
    const char *name;
    const char *expected;  // "EPERM", "EACCES", "ENOSYS", "SIGSYS", or "allowed"
    probe_fn run;
};

/// The probe table, ended by an entry whose name is NULL.
const struct probe_entry *probe_table(void);

/// A process of the same user that the caller started (for the probes that reach another
/// process); -1 when none was given.
void probe_set_other_process(int pid);

#endif
