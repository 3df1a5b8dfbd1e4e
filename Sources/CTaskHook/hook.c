#include "CTaskHook.h"

#include <stddef.h>

// The runtime's types: both functions use the Swift calling convention.
typedef void (*swift_original_enqueue)(void *job) __attribute__((swiftcall));
typedef void (*swift_enqueue_hook)(void *job, swift_original_enqueue original) __attribute__((swiftcall));

extern swift_enqueue_hook swift_task_enqueueGlobal_hook;

static CTaskHook_enqueue installed;

__attribute__((swiftcall)) static void route(void *job, swift_original_enqueue original) {
    (void)original;
    installed(job);
}

int CTaskHook_install(CTaskHook_enqueue enqueue) {
    if (swift_task_enqueueGlobal_hook != NULL) {
        return 0;
    }
    installed = enqueue;
    swift_task_enqueueGlobal_hook = route;
    return 1;
}
