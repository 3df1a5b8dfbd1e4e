// Freed heap memory is zeroed before glibc gets it back.
//
// Why: the Authorization header is encoded into ordinary heap buffers (a Swift String, NIO's
// request-head ByteBuffer). glibc's M_PERTURB scrubs freed chunks, but not those it keeps in its
// per-thread cache (tcache), which is where a 272-byte request head lands: a memory scan after a
// tool call found the header there. Defining free and realloc in the executable interposes them
// for every caller (Swift runtime, NIO, Foundation); the real work stays glibc's.
// Cost: one explicit_bzero of each freed block.
#include <malloc.h>
#include <stddef.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CFORTRESS_SANITIZED 1
#endif
#endif

// Under AddressSanitizer or ThreadSanitizer the sanitizer owns the allocator (and poisons or
// tracks freed memory itself); interposing free there would hand its blocks to glibc.
#ifndef CFORTRESS_SANITIZED

extern void __libc_free(void *);
extern void *__libc_malloc(size_t);

void free(void *block) {
    if (block != NULL) {
        explicit_bzero(block, malloc_usable_size(block));
    }
    __libc_free(block);
}

// glibc's realloc frees the old block internally, past our free; so move the data ourselves.
void *realloc(void *block, size_t size) {
    if (block == NULL) {
        return __libc_malloc(size);
    }
    if (size == 0) {
        free(block);
        return NULL;
    }
    size_t usable = malloc_usable_size(block);
    if (size <= usable) {
        return block;
    }
    void *moved = __libc_malloc(size);
    if (moved == NULL) {
        return NULL;
    }
    memcpy(moved, block, usable);
    free(block);
    return moved;
}

#endif  // CFORTRESS_SANITIZED
