/*
 * alloc.h - the one allocation path of the library.
 *
 * Every allocation in model/, io/ and solver/ goes through these wrappers so
 * that tests can count live blocks and make the Nth allocation fail (the
 * SQLite malloc-test idea).  They return NULL on failure and never abort:
 * callers turn NULL into RO_ENOMEM.
 */
#ifndef RO_ALLOC_H
#define RO_ALLOC_H

#include <stddef.h>

void *ro_malloc(size_t n);
void *ro_calloc(size_t count, size_t size);
/* Like realloc; on failure the old block is left untouched. */
void *ro_realloc(void *p, size_t n);
/* realloc for arrays: fails (NULL) instead of overflowing count * size. */
void *ro_reallocarray(void *p, size_t count, size_t size);
void ro_free(void *p);
char *ro_strdup(const char *s);
char *ro_strndup(const char *s, size_t n);

/* Test hooks.  ro_alloc_fail_at(n): the nth allocation from now fails and so
 * does every later one while sticky is set; n = 0 switches failure off. */
void ro_alloc_fail_at(long n, int sticky);
long ro_alloc_live(void);   /* blocks allocated and not yet freed */
long ro_alloc_count(void);  /* allocations attempted since start */

#endif
