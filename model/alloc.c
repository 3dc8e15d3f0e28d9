/*
 * alloc.c - counted allocation with fault injection.
 *
 * The counters are plain globals: the library is single-threaded (GLPK is not
 * thread-safe either), parallel work uses processes.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static long live_blocks;
static long attempts;
static long fail_at;     /* 0: never fail */
static int fail_sticky;

static int should_fail(void)
{
	attempts++;
	if (fail_at == 0)
		return 0;
	if (--fail_at == 0) {
		if (fail_sticky)
			fail_at = 1;
		return 1;
	}
	return 0;
}

void ro_alloc_fail_at(long n, int sticky)
{
	fail_at = n < 0 ? 0 : n;
	fail_sticky = sticky;
}

long ro_alloc_live(void) { return live_blocks; }
long ro_alloc_count(void) { return attempts; }

void *ro_malloc(size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = malloc(n ? n : 1);
	if (p)
		live_blocks++;
	return p;
}

void *ro_calloc(size_t count, size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = calloc(count ? count : 1, size ? size : 1);
	if (p)
		live_blocks++;
	return p;
}

void *ro_realloc(void *p, size_t n)
{
	void *q;

	if (!p)
		return ro_malloc(n);
	if (should_fail())
		return NULL;
	q = realloc(p, n ? n : 1);
	return q;
}

void *ro_reallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
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
