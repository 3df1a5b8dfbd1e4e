// Routes Swift concurrency's global jobs to a function of ours (the NIO event loops).
//
// The runtime offers a hook variable for this, swift_task_enqueueGlobal_hook. NIO installs it
// by dlsym, which cannot see it in a binary with a static Swift standard library (the symbol is
// hidden there), so it is referenced here directly: resolvable at link time in both static and
// dynamic builds.
#ifndef CTASKHOOK_H
#define CTASKHOOK_H

typedef void (*CTaskHook_enqueue)(void *job);

/// Installs `enqueue` for every global job. Returns 1, or 0 if another hook is already set.
int CTaskHook_install(CTaskHook_enqueue enqueue);

#endif
