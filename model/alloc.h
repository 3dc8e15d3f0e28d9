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

#include "../include/rollout.h"   /* ro_free */

void *ro_malloc(size_t n);
void *ro_calloc(size_t count, size_t size);
/* Like realloc; on failure the old block is left untouched. */
void *ro_realloc(void *p, size_t n);
/* An array of count elements of size bytes: fails (NULL) instead of
 * overflowing count * size.  A count of 0 gives one element, as ro_malloc
 * gives a byte for 0, so that code sized for "at least one" stays in
 * bounds. */
void *ro_mallocarray(size_t count, size_t size);
/* realloc for arrays: fails (NULL) instead of overflowing count * size. */
void *ro_reallocarray(void *p, size_t count, size_t size);
char *ro_strdup(const char *s);
char *ro_strndup(const char *s, size_t n);

/* The allocator handed to libxml2 (xmlMemSetup, installed by ro_xml_init):
 * the same counting of attempts and failures and the same fault injection
 * as above, so that a test can fail libxml2's Nth allocation too, but not
 * counted in ro_alloc_live(): libxml2 keeps blocks of its own across calls
 * (the parser's globals, the schema cache) and may free blocks it got from
 * libc before the hook was installed.  ro_ext_free is plain free(). */
void *ro_ext_malloc(size_t n);
void *ro_ext_realloc(void *p, size_t n);
char *ro_ext_strdup(const char *s);
void ro_ext_free(void *p);

/* Allocations that failed since start, through any function above, whether
 * the failure was injected or real.  A reader compares it before and after
 * a parse: any failure in between makes the result out of memory, whatever
 * errors libxml2 reported because of it. */
long ro_alloc_failures(void);

/* Test hooks.  ro_alloc_fail_at(n): the nth allocation from now fails and so
 * does every later one while sticky is set; n = 0 switches failure off.
 * ro_alloc_fail_scope: which allocations are counted by ro_alloc_count and
 * can be failed: the library's own (RO_ALLOC_OURS, the default), libxml2's
 * (RO_ALLOC_EXT), or both. */
enum ro_alloc_scope {
	RO_ALLOC_OURS = 1,
	RO_ALLOC_EXT = 2
};
void ro_alloc_fail_at(long n, int sticky);
void ro_alloc_fail_scope(unsigned which);
long ro_alloc_live(void);   /* blocks allocated and not yet freed */
long ro_alloc_count(void);  /* allocations attempted (in scope) since start */

#endif
