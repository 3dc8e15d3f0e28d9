/*
 * alloc.c - counted allocation with fault injection.
 *
 * The counters are plain globals: the library is single-threaded (GLPK is not
 * thread-safe either), parallel work uses processes.  libxml2 allocates
 * through the ro_ext_* functions (io/xmlsafe.c installs them), which share
 * the attempt and failure counters and the fault injection.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static long live_blocks;
static long attempts;
static long failures;    /* NULL returned, injected or real */
static long fail_at;     /* 0: never fail */
static int fail_sticky;
static unsigned scope = RO_ALLOC_OURS;

static int should_fail(unsigned kind)
{
	if (!(scope & kind))
		return 0;
	attempts++;
	if (fail_at == 0)
		return 0;
	if (--fail_at == 0) {
		if (fail_sticky)
			fail_at = 1;
		failures++;
		return 1;
	}
	return 0;
}

/* p, counting a real failure (NULL from libc). */
static void *counted(void *p)
{
	if (!p)
		failures++;
	return p;
}

void ro_alloc_fail_at(long n, int sticky)
{
	fail_at = n < 0 ? 0 : n;
	fail_sticky = sticky;
}

void ro_alloc_fail_scope(unsigned which)
{
	scope = which;
}

long ro_alloc_live(void) { return live_blocks; }
long ro_alloc_count(void) { return attempts; }
long ro_alloc_failures(void) { return failures; }

void *ro_malloc(size_t n)
{
	void *p;

	if (should_fail(RO_ALLOC_OURS))
		return NULL;
	p = counted(malloc(n ? n : 1));
	if (p)
		live_blocks++;
	return p;
}

void *ro_calloc(size_t count, size_t size)
{
	void *p;

	if (should_fail(RO_ALLOC_OURS))
		return NULL;
	p = counted(calloc(count ? count : 1, size ? size : 1));
	if (p)
		live_blocks++;
	return p;
}

void *ro_realloc(void *p, size_t n)
{
	void *q;

	if (!p)
		return ro_malloc(n);
	if (should_fail(RO_ALLOC_OURS))
		return NULL;
	q = counted(realloc(p, n ? n : 1));
	return q;
}

void *ro_mallocarray(size_t count, size_t size)
{
	if (count == 0)
		count = 1;
	if (size && count > SIZE_MAX / size) {
		failures++;
		return NULL;
	}
	return ro_malloc(count * size);
}

void *ro_reallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		failures++;
		return NULL;
	}
	return ro_realloc(p, count * size);
}

void ro_free(void *p)
{
	if (p) {
		live_blocks--;
		free(p);
	}
}

char *ro_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = ro_malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

char *ro_strdup(const char *s)
{
	return ro_strndup(s, SIZE_MAX);
}

/* ---- libxml2's allocator --------------------------------------------------- */

void *ro_ext_malloc(size_t n)
{
	if (should_fail(RO_ALLOC_EXT))
		return NULL;
	return counted(malloc(n ? n : 1));
}

void *ro_ext_realloc(void *p, size_t n)
{
	if (should_fail(RO_ALLOC_EXT))
		return NULL;
	return counted(realloc(p, n ? n : 1));
}

char *ro_ext_strdup(const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	d = ro_ext_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void ro_ext_free(void *p)
{
	free(p);
}
