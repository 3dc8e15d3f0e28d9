/*
 * strmap.c - linear probing over a power-of-two table, FNV-1a hashing.
 */
#include "strmap.h"

#include <string.h>

#include "alloc.h"

struct slot {
	const char *key;
	int32_t value;
	uint32_t hash;
};

struct ro_strmap {
	struct slot *t;
	size_t cap, n;
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

struct ro_strmap *ro_strmap_new(size_t expected)
{
	struct ro_strmap *m = ro_calloc(1, sizeof *m);
	size_t cap = 16;

	if (!m)
		return NULL;
	while (cap < 2 * expected + 1)
		cap *= 2;
	m->t = ro_calloc(cap, sizeof *m->t);
	if (!m->t) {
		ro_free(m);
		return NULL;
	}
	m->cap = cap;
	return m;
}

void ro_strmap_free(struct ro_strmap *m)
{
	if (m) {
		ro_free(m->t);
		ro_free(m);
	}
}

static struct slot *find(struct slot *t, size_t cap, const char *key,
			 uint32_t h)
{
	size_t i = h & (cap - 1);
	while (t[i].key && (t[i].hash != h || strcmp(t[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static int grow(struct ro_strmap *m)
{
	size_t cap = m->cap * 2;
	struct slot *t = ro_calloc(cap, sizeof *t);

	if (!t)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->t[i].key)
			*find(t, cap, m->t[i].key, m->t[i].hash) = m->t[i];
	ro_free(m->t);
	m->t = t;
	m->cap = cap;
	return 0;
}

int ro_strmap_put(struct ro_strmap *m, const char *key, int32_t value,
		  int32_t *old)
{
	uint32_t h = hash(key);
	struct slot *e;

	if (2 * (m->n + 1) > m->cap && grow(m) < 0)
		return -1;
	e = find(m->t, m->cap, key, h);
	if (e->key) {
		if (old)
			*old = e->value;
		return 0;
	}
	e->key = key;
	e->value = value;
	e->hash = h;
	m->n++;
	return 1;
}

int32_t ro_strmap_get(const struct ro_strmap *m, const char *key)
{
	uint32_t h = hash(key);
	const struct slot *e = find(m->t, m->cap, key, h);
	return e->key ? e->value : -1;
}

size_t ro_strmap_size(const struct ro_strmap *m)
{
	return m->n;
}
